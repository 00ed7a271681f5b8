//! Lists of small integers per row (an event's country, organisation, person or place ids) in
//! one flat array with the end offset of each row's list: two allocations for a million rows.

/// Row `r`'s list is `items[ends[r - 1]..ends[r]]`; rows are added at the end.
#[derive(Debug, Clone, Default)]
pub struct Lists {
    ends: Vec<u32>,
    items: Vec<u32>,
}

impl Lists {
    /// Adds the next row's list.
    pub fn push(&mut self, items: impl IntoIterator<Item = u32>) {
        self.items.extend(items);
        self.ends.push(self.items.len() as u32);
    }

    /// Row `row`'s list (empty past the last row).
    pub fn get(&self, row: u32) -> &[u32] {
        let row = row as usize;
        let Some(&end) = self.ends.get(row) else {
            return &[];
        };
        let start = if row == 0 { 0 } else { self.ends[row - 1] };
        &self.items[start as usize..end as usize]
    }

    pub fn len(&self) -> usize {
        self.ends.len()
    }

    pub fn is_empty(&self) -> bool {
        self.ends.is_empty()
    }

    pub fn reserve(&mut self, rows: usize, items: usize) {
        self.ends.reserve(rows);
        self.items.reserve(items);
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn each_row_gets_back_its_list() {
        let mut lists = Lists::default();
        lists.push([3, 1]);
        lists.push([]);
        lists.push([7]);
        assert_eq!(lists.get(0), [3, 1]);
        assert!(lists.get(1).is_empty());
        assert_eq!(lists.get(2), [7]);
        assert!(lists.get(3).is_empty());
        assert_eq!(lists.len(), 3);
    }
}
