//! Conference templates: personal (个人模板) and public (公共模板), each a stored body that a
//! conference can later be started from.

use kedacom_mc_models::{PersonalTemplateParams, PublicTemplateParams};

/// A template as stored: the body it was created or last updated with (documented defaults filled
/// in), and what the platform adds.
#[derive(Clone, Debug)]
pub(crate) struct Template<P> {
    pub(crate) id: String,
    pub(crate) params: P,
    /// The conference number set aside for it (预分配会议号), when it asks for one.
    pub(crate) e164: Option<String>,
    /// When it was created and last changed, as steps of [`Templates`]' counter: two calls within
    /// one tick of the clock still come in order.
    pub(crate) created: u64,
    pub(crate) modified: u64,
}

/// Templates of one kind, in the order they were created.
pub(crate) struct Store<P> {
    list: Vec<Template<P>>,
}

impl<P> Default for Store<P> {
    fn default() -> Self {
        Store { list: Vec::new() }
    }
}

impl<P> Store<P> {
    pub(crate) fn len(&self) -> usize {
        self.list.len()
    }

    pub(crate) fn all(&self) -> &[Template<P>] {
        &self.list
    }

    pub(crate) fn get(&self, id: &str) -> Option<&Template<P>> {
        self.list.iter().find(|t| t.id == id)
    }

    pub(crate) fn get_mut(&mut self, id: &str) -> Option<&mut Template<P>> {
        self.list.iter_mut().find(|t| t.id == id)
    }

    pub(crate) fn add(&mut self, template: Template<P>) {
        self.list.push(template);
    }

    /// Whether there was one to remove.
    pub(crate) fn remove(&mut self, id: &str) -> bool {
        let before = self.list.len();
        self.list.retain(|t| t.id != id);
        self.list.len() != before
    }
}

#[derive(Default)]
pub(crate) struct Templates {
    pub(crate) personal: Store<PersonalTemplateParams>,
    pub(crate) public: Store<PublicTemplateParams>,
    /// The last step handed out (creations and updates of either kind).
    step: u64,
}

impl Templates {
    pub(crate) fn next_step(&mut self) -> u64 {
        self.step += 1;
        self.step
    }
}
