//! Greedy label collision on screen: labels are offered in priority order and kept only if they
//! overlap nothing placed before. A coarse grid keeps each test cheap.

use std::collections::HashMap;

/// A rectangle in screen pixels.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct ScreenRect {
    pub min_x: f32,
    pub min_y: f32,
    pub max_x: f32,
    pub max_y: f32,
}

impl ScreenRect {
    pub fn from_center_size(center: [f32; 2], size: [f32; 2]) -> Self {
        Self {
            min_x: center[0] - size[0] / 2.0,
            min_y: center[1] - size[1] / 2.0,
            max_x: center[0] + size[0] / 2.0,
            max_y: center[1] + size[1] / 2.0,
        }
    }

    pub fn expand(self, margin: f32) -> Self {
        Self {
            min_x: self.min_x - margin,
            min_y: self.min_y - margin,
            max_x: self.max_x + margin,
            max_y: self.max_y + margin,
        }
    }

    pub fn overlaps(&self, other: &ScreenRect) -> bool {
        self.min_x < other.max_x
            && other.min_x < self.max_x
            && self.min_y < other.max_y
            && other.min_y < self.max_y
    }

    /// Whether `self` lies entirely inside `outer`.
    pub fn inside(&self, outer: &ScreenRect) -> bool {
        self.min_x >= outer.min_x
            && self.min_y >= outer.min_y
            && self.max_x <= outer.max_x
            && self.max_y <= outer.max_y
    }
}

/// The rectangles taken so far in one frame.
#[derive(Debug, Clone)]
pub struct LabelLayout {
    cell_px: f32,
    cells: HashMap<(i32, i32), Vec<u32>>,
    rects: Vec<ScreenRect>,
}

impl LabelLayout {
    pub fn new(cell_px: f32) -> Self {
        Self {
            cell_px: cell_px.max(1.0),
            cells: HashMap::new(),
            rects: Vec::new(),
        }
    }

    fn cell_range(&self, rect: &ScreenRect) -> (i32, i32, i32, i32) {
        (
            (rect.min_x / self.cell_px).floor() as i32,
            (rect.min_y / self.cell_px).floor() as i32,
            (rect.max_x / self.cell_px).floor() as i32,
            (rect.max_y / self.cell_px).floor() as i32,
        )
    }

    /// Whether `rect` overlaps anything placed.
    pub fn overlaps(&self, rect: &ScreenRect) -> bool {
        let (x0, y0, x1, y1) = self.cell_range(rect);
        (y0..=y1).any(|y| {
            (x0..=x1).any(|x| {
                self.cells
                    .get(&(x, y))
                    .is_some_and(|ids| ids.iter().any(|&id| self.rects[id as usize].overlaps(rect)))
            })
        })
    }

    /// Marks `rect` as taken, whatever it overlaps (for markers, which are always drawn).
    pub fn occupy(&mut self, rect: ScreenRect) {
        let id = self.rects.len() as u32;
        self.rects.push(rect);
        let (x0, y0, x1, y1) = self.cell_range(&rect);
        // A huge rect (off-screen nonsense) must not fill millions of cells.
        if (x1 - x0) as i64 * (y1 - y0) as i64 > 10_000 {
            return;
        }
        for y in y0..=y1 {
            for x in x0..=x1 {
                self.cells.entry((x, y)).or_default().push(id);
            }
        }
    }

    /// Takes `rect` if it is free; returns whether it was placed.
    pub fn try_place(&mut self, rect: ScreenRect) -> bool {
        if self.overlaps(&rect) {
            return false;
        }
        self.occupy(rect);
        true
    }

    pub fn len(&self) -> usize {
        self.rects.len()
    }

    pub fn is_empty(&self) -> bool {
        self.rects.is_empty()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn second_overlapping_label_is_refused() {
        let mut layout = LabelLayout::new(32.0);
        let a = ScreenRect::from_center_size([100.0, 100.0], [80.0, 14.0]);
        let b = ScreenRect::from_center_size([130.0, 104.0], [80.0, 14.0]);
        let c = ScreenRect::from_center_size([300.0, 100.0], [80.0, 14.0]);
        assert!(layout.try_place(a));
        assert!(!layout.try_place(b));
        assert!(layout.try_place(c));
        assert_eq!(layout.len(), 2);
        assert!(a.inside(&a.expand(1.0)));
        assert!(!a.expand(1.0).inside(&a));
    }
}
