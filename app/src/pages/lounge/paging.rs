//! Paging the board when there are more cars than fit on one screen.

/// The slice `[start, end)` of `len` items shown on page `page` (0-based, wrapping) of
/// `per_page`, and how many pages there are.
pub fn page_slice(len: usize, per_page: usize, page: usize) -> (usize, usize, usize) {
    let per_page = per_page.max(1);
    let pages = len.div_ceil(per_page).max(1);
    let start = (page % pages) * per_page;
    (start, (start + per_page).min(len), pages)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn pages_cover_every_car_once_and_wrap_around() {
        assert_eq!(page_slice(20, 8, 0), (0, 8, 3));
        assert_eq!(page_slice(20, 8, 2), (16, 20, 3));
        assert_eq!(page_slice(20, 8, 3), (0, 8, 3));
    }

    #[test]
    fn few_or_no_cars_are_one_page() {
        assert_eq!(page_slice(5, 8, 0), (0, 5, 1));
        assert_eq!(page_slice(0, 8, 4), (0, 0, 1));
    }
}
