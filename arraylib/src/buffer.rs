//! Shared element storage: the memory that an array and all its views point into.
//!
//! NumPy's model is that a slice is a view: writing through it changes the parent. Rust's
//! `&`/`&mut` rules cannot express two owned handles into one buffer, so the buffer carries a
//! run-time borrow flag (like `RefCell`, but atomic so arrays stay `Send + Sync`): any number of
//! readers, or one writer. Every typed view arraylib hands out holds such a borrow, so a write
//! through one handle while another handle is being read is an error, never a data race.
//!
//! Usually the elements are a boxed slice the buffer owns. A buffer can instead point into
//! memory that another object owns (a memory-mapped file, see `crate::io::memmap`): the buffer
//! then keeps that owner alive and never frees the elements itself; the borrow flag works the
//! same, and read-only external memory also refuses the write borrow.

use std::any::Any;
use std::mem::ManuallyDrop;
use std::ptr::NonNull;
use std::sync::Arc;
use std::sync::atomic::{AtomicIsize, Ordering};

use crate::error::{ArrayError, Result};

/// Reference-counted storage of one array's elements, shared by its views.
pub type Storage<T> = Arc<SharedBuffer<T>>;

/// A fixed-size block of elements with a run-time reader/writer borrow flag.
pub struct SharedBuffer<T> {
    /// The elements, from `Box::into_raw`; freed in `Drop`.
    ptr: NonNull<T>,
    len: usize,
    /// > 0: that many readers; -1: one writer; 0: free.
    borrow: AtomicIsize,
    /// `None`: `ptr` is a boxed slice owned here. `Some`: the object that owns the memory.
    external: Option<External>,
}

/// The owner of external memory, and whether that memory may be written at all.
struct External {
    owner: Box<dyn Any + Send + Sync>,
    read_only: bool,
}

// SAFETY: access to the elements is only through `BorrowRead`/`BorrowWrite`, whose atomic flag
// excludes a writer from coexisting with any other borrow, across threads too.
unsafe impl<T: Send> Send for SharedBuffer<T> {}
unsafe impl<T: Send + Sync> Sync for SharedBuffer<T> {}

impl<T> SharedBuffer<T> {
    /// Wraps a vector as shared storage.
    pub fn new(data: Vec<T>) -> Storage<T> {
        let len = data.len();
        let raw = Box::into_raw(data.into_boxed_slice()) as *mut T;
        let ptr = NonNull::new(raw).expect("Box pointers are never null");
        Arc::new(SharedBuffer {
            ptr,
            len,
            borrow: AtomicIsize::new(0),
            external: None,
        })
    }

    /// Shared storage over `len` elements at `ptr` that `owner` keeps alive (a file mapping).
    /// When `read_only`, the write borrow is always refused, whatever the array flags say.
    ///
    /// # Safety
    /// `ptr` must be aligned and point to `len` initialised, valid values of `T` that stay valid
    /// (and, unless `read_only`, writable) for as long as `owner` lives, and that nothing but
    /// this buffer accesses meanwhile.
    pub(crate) unsafe fn from_external(
        ptr: NonNull<T>,
        len: usize,
        owner: Box<dyn Any + Send + Sync>,
        read_only: bool,
    ) -> Storage<T> {
        let external = Some(External { owner, read_only });
        Arc::new(SharedBuffer {
            ptr,
            len,
            borrow: AtomicIsize::new(0),
            external,
        })
    }

    /// The owner of external memory (`None` for memory this buffer owns).
    pub(crate) fn external_owner(&self) -> Option<&(dyn Any + Send + Sync)> {
        self.external.as_ref().map(|e| &*e.owner)
    }

    /// Number of elements.
    pub fn len(&self) -> usize {
        self.len
    }

    /// Whether the buffer holds no element.
    pub fn is_empty(&self) -> bool {
        self.len() == 0
    }

    /// Pointer to the first element; only dereferenced under a borrow.
    pub(crate) fn as_ptr(&self) -> *mut T {
        self.ptr.as_ptr()
    }

    /// Takes a shared borrow, failing while a writer holds the buffer.
    pub(crate) fn borrow_read(&self) -> Result<BorrowRead<'_, T>> {
        let mut current = self.borrow.load(Ordering::Acquire);
        loop {
            if current < 0 {
                return Err(ArrayError::value(
                    "array is being written through another view; finish that write first",
                ));
            }
            match self
                .borrow
                .compare_exchange_weak(current, current + 1, Ordering::AcqRel, Ordering::Acquire)
            {
                Ok(_) => return Ok(BorrowRead { buffer: self }),
                Err(actual) => current = actual,
            }
        }
    }

    /// Takes the exclusive borrow, failing while any other borrow is held.
    pub(crate) fn borrow_write(&self) -> Result<BorrowWrite<'_, T>> {
        if self.external.as_ref().is_some_and(|e| e.read_only) {
            return Err(ArrayError::value("assignment destination is read-only"));
        }
        self.borrow
            .compare_exchange(0, -1, Ordering::AcqRel, Ordering::Acquire)
            .map(|_| BorrowWrite { buffer: self })
            .map_err(|_| ArrayError::value("cannot write to an array while a view of the same memory is being read"))
    }

    /// Unwraps the elements when this is the only handle; external memory is copied.
    pub(crate) fn into_vec(self) -> Vec<T>
    where
        T: Clone,
    {
        if self.external.is_some() {
            // SAFETY: `ptr`/`len` describe valid elements while `self` (and its owner) lives.
            return unsafe { std::slice::from_raw_parts(self.ptr.as_ptr(), self.len) }.to_vec();
        }
        let this = ManuallyDrop::new(self);
        // SAFETY: `ptr`/`len` came from a boxed slice, and `Drop` will not run for `this`.
        unsafe { Box::from_raw(std::ptr::slice_from_raw_parts_mut(this.ptr.as_ptr(), this.len)).into_vec() }
    }
}

impl<T> Drop for SharedBuffer<T> {
    fn drop(&mut self) {
        if self.external.is_some() {
            // The owner frees (unmaps) the memory when the `external` field drops.
            return;
        }
        // SAFETY: `ptr`/`len` came from `Box::into_raw` of a boxed slice and are freed once.
        drop(unsafe { Box::from_raw(std::ptr::slice_from_raw_parts_mut(self.ptr.as_ptr(), self.len)) });
    }
}

/// A held shared borrow of a [`SharedBuffer`].
pub struct BorrowRead<'a, T> {
    buffer: &'a SharedBuffer<T>,
}

impl<T> Drop for BorrowRead<'_, T> {
    fn drop(&mut self) {
        self.buffer.borrow.fetch_sub(1, Ordering::Release);
    }
}

/// A held exclusive borrow of a [`SharedBuffer`].
pub struct BorrowWrite<'a, T> {
    buffer: &'a SharedBuffer<T>,
}

impl<T> Drop for BorrowWrite<'_, T> {
    fn drop(&mut self) {
        self.buffer.borrow.store(0, Ordering::Release);
    }
}

/// Bytes from which fresh element memory is backed by huge pages (NumPy's threshold too).
const HUGE_PAGES_MIN: usize = 4 << 20;

/// Asks Linux to back `bytes` bytes of not yet written memory at `ptr` with transparent huge
/// pages, as NumPy does for its large allocations. Writing a fresh buffer otherwise takes one
/// page fault per 4 KiB; with 2 MiB pages an operation on large arrays (`x * 2.5` on 1e7
/// elements, a copy, a gather) runs about twice as fast. Small buffers and other systems are
/// left alone; the advice is only a hint, so failure changes nothing.
pub(crate) fn advise_huge_pages<T>(ptr: *const T, bytes: usize) {
    #[cfg(target_os = "linux")]
    if bytes >= HUGE_PAGES_MIN {
        // Only whole pages inside the allocation may be advised.
        const PAGE: usize = 4096;
        let start = (ptr as usize).next_multiple_of(PAGE);
        let end = (ptr as usize + bytes) & !(PAGE - 1);
        if end > start {
            // SAFETY: the range lies inside one live allocation of the caller, and MADV_HUGEPAGE
            // changes neither its contents nor its validity.
            unsafe { libc::madvise(start as *mut libc::c_void, end - start, libc::MADV_HUGEPAGE) };
        }
    }
    #[cfg(not(target_os = "linux"))]
    let _ = (ptr, bytes);
}

/// An empty vector with room for `n` elements, huge-page backed when large (see
/// [`advise_huge_pages`]): the allocation every freshly computed large result should use.
pub(crate) fn vec_with_capacity<T>(n: usize) -> Vec<T> {
    let v = Vec::with_capacity(n);
    advise_huge_pages(v.as_ptr(), n * size_of::<T>());
    v
}
