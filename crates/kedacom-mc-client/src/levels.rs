//! The server's API level of each document, asked once of the operation the endpoint table names
//! as that document's [`level_from`](kedacom_mc_models::DocumentInfo::level_from) and kept: the
//! meeting-management and meeting-control documents are versioned apart, each with its own call.

use std::sync::{Arc, Mutex, PoisonError};

use kedacom_mc_models::EndpointInfo;
use tokio::sync::OnceCell;

/// The level one operation reports, once it has been asked.
type Cell = Arc<OnceCell<u32>>;

/// One cell per `level_from` operation, made on first use.
#[derive(Default)]
pub(crate) struct Levels(Mutex<Vec<(&'static EndpointInfo, Cell)>>);

impl Levels {
    /// With the level of the documents whose level `from` reports already known (a caller who
    /// knows their server's level saves the call).
    pub(crate) fn with_known(from: &'static EndpointInfo, level: Option<u32>) -> Self {
        Levels(Mutex::new(vec![(from, Arc::new(OnceCell::new_with(level)))]))
    }

    /// The cell of the level `from` reports.
    pub(crate) fn cell(&self, from: &'static EndpointInfo) -> Cell {
        let mut cells = self.0.lock().unwrap_or_else(PoisonError::into_inner);
        if let Some((_, cell)) = cells.iter().find(|(f, _)| *f == from) {
            return cell.clone();
        }
        let cell = Arc::new(OnceCell::new());
        cells.push((from, cell.clone()));
        cell
    }

    /// The levels known so far, by the operation that reported each.
    pub(crate) fn known(&self) -> Vec<(&'static str, u32)> {
        let cells = self.0.lock().unwrap_or_else(PoisonError::into_inner);
        cells.iter().filter_map(|(from, cell)| cell.get().map(|l| (from.operation, *l))).collect()
    }
}
