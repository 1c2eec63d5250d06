//! Meeting-room areas: named regions meeting rooms are grouped by.

#[derive(Clone, Debug, PartialEq, Eq)]
pub(crate) struct Area {
    pub(crate) id: String,
    pub(crate) name: String,
}

/// In the order they were created.
#[derive(Default)]
pub(crate) struct Areas {
    list: Vec<Area>,
}

impl Areas {
    pub(crate) fn add(&mut self, name: &str) -> String {
        let id = uuid::Uuid::new_v4().simple().to_string();
        self.list.push(Area { id: id.clone(), name: name.to_owned() });
        id
    }

    pub(crate) fn all(&self) -> &[Area] {
        &self.list
    }

    pub(crate) fn get_mut(&mut self, id: &str) -> Option<&mut Area> {
        self.list.iter_mut().find(|a| a.id == id)
    }

    /// Whether there was one to remove.
    pub(crate) fn remove(&mut self, id: &str) -> bool {
        let before = self.list.len();
        self.list.retain(|a| a.id != id);
        self.list.len() != before
    }
}
