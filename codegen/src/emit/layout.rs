//! Laying out generated Rust with prettyplease, and remembering layouts between runs.
//!
//! Parsing tokens with syn and printing them with prettyplease is most of the generator's time,
//! and a spec edit changes few of the items it lays out. The layout is a pure function of the
//! tokens (for one build of the generator), so a [`Layouts`] kept from the last run answers the
//! unchanged ones. The emitters don't see it: [`Layouts::around`] makes it current for a scope, and
//! [`crate::par::map`] carries it to its threads.

use std::cell::RefCell;
use std::collections::HashMap;
use std::fs;
use std::io;
use std::path::Path;
use std::sync::atomic::{AtomicBool, Ordering};
use std::sync::{Arc, Mutex};

use proc_macro2::TokenStream;

const MAGIC: &[u8] = b"kedacom-mc codegen layouts 1\n";

/// The layouts' file name, in the folder the caller keeps them in.
pub const FILE: &str = "codegen.layouts";

thread_local! {
    static CURRENT: RefCell<Option<Arc<Layouts>>> = const { RefCell::new(None) };
}

/// Layouts by the text of their tokens: those known from the last run (marked when this run uses
/// them), and those this run made.
#[derive(Debug, Default)]
pub struct Layouts {
    known: HashMap<String, Known>,
    made: Mutex<HashMap<String, String>>,
}

#[derive(Debug)]
struct Known {
    text: String,
    used: AtomicBool,
}

/// prettyplease's layout of `tokens` (a file's items), remembered when a [`Layouts`] is current.
/// An error is a generator bug: tokens that are not Rust.
pub(crate) fn items(tokens: TokenStream) -> syn::Result<String> {
    let Some(layouts) = current() else { return lay_out(tokens) };
    let key = tokens.to_string();
    if let Some(known) = layouts.known.get(&key) {
        known.used.store(true, Ordering::Relaxed);
        return Ok(known.text.clone());
    }
    let text = lay_out(tokens)?;
    layouts.made.lock().unwrap_or_else(|p| p.into_inner()).insert(key, text.clone());
    Ok(text)
}

fn lay_out(tokens: TokenStream) -> syn::Result<String> {
    Ok(prettyplease::unparse(&syn::parse2::<syn::File>(tokens)?))
}

/// The layouts current on this thread, for [`crate::par::map`] to carry to its own.
pub(crate) fn current() -> Option<Arc<Layouts>> {
    CURRENT.with(|c| c.borrow().clone())
}

/// Makes `layouts` current on this thread while `f` runs.
pub(crate) fn within<T>(layouts: Option<Arc<Layouts>>, f: impl FnOnce() -> T) -> T {
    let before = CURRENT.with(|c| c.replace(layouts));
    // Restored even if `f` panics, so a caught panic leaves no stale memo behind.
    struct Restore(Option<Arc<Layouts>>);
    impl Drop for Restore {
        fn drop(&mut self) {
            CURRENT.with(|c| *c.borrow_mut() = self.0.take());
        }
    }
    let _restore = Restore(before);
    f()
}

impl Layouts {
    /// Runs `f` (an emitter) with these layouts current.
    pub fn around<T>(self: &Arc<Self>, f: impl FnOnce() -> T) -> T {
        within(Some(Arc::clone(self)), f)
    }

    /// The layouts saved at `path` by a generator of this `identity`; none when the file is missing,
    /// from another build of the generator, or damaged.
    pub fn read(path: &Path, identity: &str) -> Layouts {
        let known = fs::read(path).ok().and_then(|bytes| parse(&bytes, identity)).unwrap_or_default();
        let known = known.into_iter().map(|(key, text)| (key, Known { text, used: AtomicBool::new(false) })).collect();
        Layouts { known, made: Mutex::default() }
    }

    /// Saves what this run used (so the file never outgrows one run), unless that is what was read.
    pub fn save(&self, path: &Path, identity: &str) -> io::Result<()> {
        let made = self.made.lock().unwrap_or_else(|p| p.into_inner());
        let used = self.known.iter().filter(|(_, k)| k.used.load(Ordering::Relaxed));
        if made.is_empty() && used.clone().count() == self.known.len() {
            return Ok(());
        }
        let mut entries: Vec<(&String, &String)> = used.map(|(key, k)| (key, &k.text)).chain(made.iter()).collect();
        entries.sort();
        let mut out = MAGIC.to_vec();
        put(&mut out, identity);
        for (key, text) in entries {
            put(&mut out, key);
            put(&mut out, text);
        }
        crate::write::replace(path, &out)
    }

    /// How many layouts this run took from the last one, and how many it made.
    pub fn counts(&self) -> (usize, usize) {
        let reused = self.known.values().filter(|k| k.used.load(Ordering::Relaxed)).count();
        (reused, self.made.lock().unwrap_or_else(|p| p.into_inner()).len())
    }
}

fn put(out: &mut Vec<u8>, s: &str) {
    out.extend_from_slice(&(s.len() as u64).to_le_bytes());
    out.extend_from_slice(s.as_bytes());
}

fn parse(bytes: &[u8], identity: &str) -> Option<HashMap<String, String>> {
    let mut rest = bytes.strip_prefix(MAGIC)?;
    let mut take = || -> Option<String> {
        let (len, after) = rest.split_first_chunk::<8>()?;
        let len = usize::try_from(u64::from_le_bytes(*len)).ok()?;
        let (s, after) = (after.get(..len)?, after.get(len..)?);
        rest = after;
        String::from_utf8(s.to_vec()).ok()
    };
    if take()? != identity {
        return None;
    }
    let mut known = HashMap::new();
    while let Some(key) = take() {
        known.insert(key, take()?);
    }
    // Only the end of the file may stop the entries.
    rest.is_empty().then_some(known)
}

#[cfg(test)]
mod tests {
    use super::*;
    use quote::quote;

    fn dir() -> std::path::PathBuf {
        let d = std::env::temp_dir().join(format!("kedacom-mc-layouts-{}", std::process::id()));
        fs::create_dir_all(&d).unwrap();
        d
    }

    #[test]
    fn remembered_layouts_are_the_layouts() {
        let at = dir().join("remembered");
        let tokens = || quote! { pub struct A { pub x: u8 } impl A { pub fn x(&self) -> u8 { self.x } } };
        let plain = items(tokens()).unwrap();

        let first = Arc::new(Layouts::read(&at, "gen 1"));
        assert_eq!(first.around(|| items(tokens())).unwrap(), plain);
        assert_eq!(first.counts(), (0, 1));
        first.save(&at, "gen 1").unwrap();

        let second = Arc::new(Layouts::read(&at, "gen 1"));
        assert_eq!(second.around(|| items(tokens())).unwrap(), plain);
        assert_eq!(second.counts(), (1, 0), "taken from the last run");

        let rebuilt = Arc::new(Layouts::read(&at, "gen 2"));
        assert_eq!(rebuilt.around(|| items(tokens())).unwrap(), plain);
        assert_eq!(rebuilt.counts(), (0, 1), "another build of the generator starts afresh");
        assert!(current().is_none(), "current only within `around`");
        let _ = fs::remove_file(&at);
    }

    #[test]
    fn the_threads_of_par_map_see_the_current_layouts() {
        // Every thread `par::map` starts takes an item before any takes another, so that no
        // thread can do all the work alone.
        let threads = std::thread::available_parallelism().map_or(1, |n| n.get());
        let barrier = std::sync::Barrier::new(threads);
        let items = vec![(); threads * 2];
        let layouts = Arc::new(Layouts::default());
        let seen = layouts.around(|| {
            crate::par::map(&items, |()| {
                barrier.wait();
                current().is_some()
            })
        });
        assert_eq!(seen, vec![true; items.len()]);
    }

    #[test]
    fn a_damaged_file_is_no_memory() {
        let at = dir().join("damaged");
        let layouts = Layouts::read(&at, "g");
        layouts.made.lock().unwrap().insert("k".into(), "v".into());
        layouts.save(&at, "g").unwrap();
        let whole = fs::read(&at).unwrap();
        assert_eq!(Layouts::read(&at, "g").known.len(), 1);
        for cut in [0, MAGIC.len(), whole.len() - 1] {
            fs::write(&at, &whole[..cut]).unwrap();
            assert!(Layouts::read(&at, "g").known.is_empty(), "cut at {cut}");
        }
        let mut huge = whole.clone();
        huge[MAGIC.len()..MAGIC.len() + 8].copy_from_slice(&u64::MAX.to_le_bytes());
        fs::write(&at, huge).unwrap();
        assert!(Layouts::read(&at, "g").known.is_empty());
        let _ = fs::remove_file(&at);
    }
}
