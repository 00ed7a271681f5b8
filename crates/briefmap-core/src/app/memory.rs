//! Handing memory freed by a large load back to the system.

/// Loads of more events than this hand their freed memory back to the system afterwards.
pub const LARGE_LOAD_EVENTS: usize = 100_000;

/// Hands memory freed by a large load (the events read before they became catalogue rows)
/// back to the system. The C allocator keeps freed small blocks for reuse, so without this a
/// million-event import leaves the process about four times the size its data needs.
pub fn release_freed_memory() {
    #[cfg(all(target_os = "linux", target_env = "gnu"))]
    // SAFETY: `malloc_trim` only returns unused pages of the heap to the system; it touches
    // no memory in use and has no preconditions.
    unsafe {
        libc::malloc_trim(0);
    }
}
