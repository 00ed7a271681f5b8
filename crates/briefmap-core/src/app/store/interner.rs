//! Distinct strings (country codes, organisation, person and place names, languages,
//! sources) stored once and named by small ids, shared by every event that has them.

use rustc_hash::FxHashMap;

/// Strings by id and ids by string.
#[derive(Debug, Clone, Default)]
pub struct Interner {
    values: Vec<Box<str>>,
    ids: FxHashMap<Box<str>, u32>,
}

impl Interner {
    /// The id of `value`, adding it if new.
    pub fn intern(&mut self, value: &str) -> u32 {
        if let Some(&id) = self.ids.get(value) {
            return id;
        }
        let id = self.values.len() as u32;
        self.values.push(value.into());
        self.ids.insert(value.into(), id);
        id
    }

    pub fn id_of(&self, value: &str) -> Option<u32> {
        self.ids.get(value).copied()
    }

    /// The value of `id` ("" for an unknown id).
    pub fn get(&self, id: u32) -> &str {
        self.values.get(id as usize).map_or("", |v| v)
    }

    pub fn len(&self) -> usize {
        self.values.len()
    }

    pub fn is_empty(&self) -> bool {
        self.values.is_empty()
    }

    /// All values by id.
    pub fn values(&self) -> impl ExactSizeIterator<Item = &str> {
        self.values.iter().map(|v| &**v)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_value_keeps_its_first_id() {
        let mut i = Interner::default();
        assert_eq!(i.intern("KZ"), 0);
        assert_eq!(i.intern("TM"), 1);
        assert_eq!(i.intern("KZ"), 0);
        assert_eq!(i.get(1), "TM");
        assert_eq!(i.id_of("TM"), Some(1));
        assert_eq!(i.id_of("RU"), None);
        assert_eq!(i.get(9), "");
        assert_eq!(i.values().collect::<Vec<_>>(), ["KZ", "TM"]);
    }
}
