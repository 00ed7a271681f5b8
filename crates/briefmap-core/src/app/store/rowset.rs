//! A set of catalogue rows as a bitset: one bit per row id, so that combining filter
//! constraints costs a word operation per 64 rows and testing a row is one load.

/// Rows as bits; rows at or past `len` are never in the set.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct RowSet {
    words: Vec<u64>,
    len: u32,
}

impl RowSet {
    /// No rows of `len`.
    pub fn empty(len: u32) -> Self {
        Self {
            words: vec![0; (len as usize).div_ceil(64)],
            len,
        }
    }

    /// Every row of `len`.
    pub fn full(len: u32) -> Self {
        let mut set = Self {
            words: vec![u64::MAX; (len as usize).div_ceil(64)],
            len,
        };
        set.clear_tail();
        set
    }

    /// The row ids this set can hold (`0..len`).
    pub fn capacity(&self) -> u32 {
        self.len
    }

    /// Makes room for rows up to `len` (new rows are not in the set).
    pub fn grow(&mut self, len: u32) {
        if len > self.len {
            self.words.resize((len as usize).div_ceil(64), 0);
            self.len = len;
        }
    }

    fn clear_tail(&mut self) {
        let rem = self.len % 64;
        if rem != 0
            && let Some(last) = self.words.last_mut()
        {
            *last &= (1u64 << rem) - 1;
        }
    }

    pub fn contains(&self, row: u32) -> bool {
        self.words
            .get(row as usize / 64)
            .is_some_and(|w| w & (1 << (row % 64)) != 0)
    }

    pub fn insert(&mut self, row: u32) {
        self.grow(row + 1);
        self.words[row as usize / 64] |= 1 << (row % 64);
    }

    pub fn remove(&mut self, row: u32) {
        if let Some(w) = self.words.get_mut(row as usize / 64) {
            *w &= !(1 << (row % 64));
        }
    }

    /// Sets `row` in or out of the set.
    pub fn set(&mut self, row: u32, on: bool) {
        if on {
            self.insert(row)
        } else {
            self.remove(row)
        }
    }

    /// Keeps only the rows also in `other`.
    pub fn and_with(&mut self, other: &RowSet) {
        for (i, w) in self.words.iter_mut().enumerate() {
            *w &= other.words.get(i).copied().unwrap_or(0);
        }
    }

    /// Adds the rows of `other`.
    pub fn or_with(&mut self, other: &RowSet) {
        self.grow(other.len);
        for (w, o) in self.words.iter_mut().zip(&other.words) {
            *w |= o;
        }
    }

    /// Number of rows in the set.
    pub fn count(&self) -> usize {
        self.words.iter().map(|w| w.count_ones() as usize).sum()
    }

    /// Number of rows in both sets.
    pub fn count_and(&self, other: &RowSet) -> usize {
        self.words
            .iter()
            .zip(&other.words)
            .map(|(a, b)| (a & b).count_ones() as usize)
            .sum()
    }

    /// Number of rows in exactly one of the two sets.
    pub fn count_xor(&self, other: &RowSet) -> usize {
        let longest = self.words.len().max(other.words.len());
        (0..longest)
            .map(|i| {
                let a = self.words.get(i).copied().unwrap_or(0);
                let b = other.words.get(i).copied().unwrap_or(0);
                (a ^ b).count_ones() as usize
            })
            .sum()
    }

    /// The rows of the set, ascending.
    pub fn iter(&self) -> impl Iterator<Item = u32> + '_ {
        self.words.iter().enumerate().flat_map(|(i, &w)| Bits {
            word: w,
            base: (i * 64) as u32,
        })
    }

    /// The rows in `self` but not in `other`, ascending.
    pub fn iter_minus<'a>(&'a self, other: &'a RowSet) -> impl Iterator<Item = u32> + 'a {
        self.words.iter().enumerate().flat_map(move |(i, &w)| Bits {
            word: w & !other.words.get(i).copied().unwrap_or(0),
            base: (i * 64) as u32,
        })
    }
}

/// The set bits of one word, as row ids.
struct Bits {
    word: u64,
    base: u32,
}

impl Iterator for Bits {
    type Item = u32;
    fn next(&mut self) -> Option<u32> {
        if self.word == 0 {
            return None;
        }
        let bit = self.word.trailing_zeros();
        self.word &= self.word - 1;
        Some(self.base + bit)
    }
}

impl FromIterator<u32> for RowSet {
    fn from_iter<I: IntoIterator<Item = u32>>(rows: I) -> Self {
        let mut set = RowSet::default();
        for r in rows {
            set.insert(r);
        }
        set
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn sets_combine_count_and_list_their_rows() {
        let mut a = RowSet::full(130);
        assert_eq!(a.count(), 130);
        assert!(a.contains(129) && !a.contains(130));
        a.remove(3);
        let b: RowSet = [1, 3, 64, 129, 200].into_iter().collect();
        assert_eq!(b.iter().collect::<Vec<_>>(), [1, 3, 64, 129, 200]);
        assert_eq!(a.count_and(&b), 3);
        let mut c = a.clone();
        c.and_with(&b);
        assert_eq!(c.iter().collect::<Vec<_>>(), [1, 64, 129]);
        assert_eq!(b.iter_minus(&a).collect::<Vec<_>>(), [3, 200]);
        assert_eq!(a.count_xor(&b), 126 + 2);
        let mut d = RowSet::empty(10);
        d.or_with(&b);
        assert_eq!(d.count(), 5);
        d.set(5, true);
        d.set(1, false);
        assert_eq!(d.iter().collect::<Vec<_>>(), [3, 5, 64, 129, 200]);
    }
}
