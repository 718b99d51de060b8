//! Query stage: the Linux side of an isolated evaluation — the fork, the child's
//! limits and its one answer (a length-prefixed frame on a pipe), the parent's
//! deadline, the kill and the reaping.

use super::Isolated;
use std::os::fd::{AsRawFd, FromRawFd, OwnedFd, RawFd};
use std::panic::AssertUnwindSafe;
use std::sync::atomic::{AtomicBool, Ordering};
use std::time::{Duration, Instant};

/// What std's default allocation-error hook writes before it aborts
/// (`memory allocation of N bytes failed`).
const ALLOC_FAILED: &[u8] = b"memory allocation of ";
const ALLOC_FAILED_END: &[u8] = b" bytes failed";
/// The child's exit code when the work panicked.
const PANICKED: i32 = 101;
/// The child's exit code when it could not write its answer.
const WRITE_FAILED: i32 = 102;
/// The child's exit code when its parent was already gone (nobody to answer).
const ORPHANED: i32 = 103;
/// How much of the child's stderr is kept (to recognize an allocation failure).
const DIAG_KEEP: usize = 4096;

#[cfg(test)]
thread_local! {
    static LAST_CHILD: std::cell::Cell<libc::pid_t> = const { std::cell::Cell::new(0) };
}

/// The process id of the last child this thread forked (tests check it is gone).
#[cfg(test)]
pub(crate) fn last_child() -> libc::pid_t {
    LAST_CHILD.with(std::cell::Cell::get)
}

pub(super) fn run(
    timeout: Duration,
    budget: u64,
    abandoned: Option<&AtomicBool>,
    work: impl FnOnce() -> Vec<u8>,
) -> Result<Vec<u8>, Isolated> {
    let deadline = Instant::now().checked_add(timeout);
    let cap = vm_size()?.saturating_add(budget);
    let (data_r, data_w) = pipe()?;
    let (diag_r, diag_w) = pipe()?;
    // SAFETY: getpid only reads this process's id.
    let parent = unsafe { libc::getpid() };
    // SAFETY: `fork` itself is safe to call; what matters is what each side does after.
    // The child (pid 0) only runs `child`, which never returns (see the module doc of
    // `isolate` for the locks it may meet); the parent goes on as usual.
    let pid = unsafe { libc::fork() };
    if pid < 0 {
        return Err(last_error("fork"));
    }
    if pid == 0 {
        child(parent, data_w.as_raw_fd(), diag_w.as_raw_fd(), cap, work);
    }
    let mut child = Child { pid, reaped: false };
    #[cfg(test)]
    LAST_CHILD.with(|last| last.set(pid));
    drop((data_w, diag_w));
    let heard = collect(&data_r, &diag_r, deadline, abandoned);
    drop((data_r, diag_r));
    match heard {
        Err(stopped @ (Isolated::TimedOut | Isolated::OverBudget | Isolated::Abandoned)) => {
            child.kill_and_reap_later();
            Err(stopped)
        }
        Err(other) => Err(other),
        Ok(Heard {
            frame: Some(body), ..
        }) => {
            // The child has said all it will and is at its `_exit`; a big one takes
            // a while to free its memory, which the answer need not wait for.
            child.reap_soon();
            Ok(body)
        }
        Ok(heard) => {
            let status = child.wait()?;
            match exit_code(status) {
                Some(PANICKED) => Err(Isolated::Panicked),
                Some(code) => Err(Isolated::Io(format!(
                    "the child exited with code {code} before it answered"
                ))),
                None => Err(died(status, &heard.diag)),
            }
        }
    }
}

/// The child: limits, work, answer, `_exit`. Never returns.
fn child(
    parent: libc::pid_t,
    data: RawFd,
    diag: RawFd,
    cap: u64,
    work: impl FnOnce() -> Vec<u8>,
) -> ! {
    let cap = libc::rlimit {
        rlim_cur: libc::rlim_t::try_from(cap).unwrap_or(libc::RLIM_INFINITY),
        rlim_max: libc::rlim_t::try_from(cap).unwrap_or(libc::RLIM_INFINITY),
    };
    let no_core = libc::rlimit {
        rlim_cur: 0,
        rlim_max: 0,
    };
    // SAFETY: this process has one thread, this one, fresh from `fork`. Each call is
    // an async-signal-safe system call on this process's own descriptors, limits and
    // priority, with valid pointers to locals. `data` and `diag` are ≥ 3 (see `pipe`),
    // so the two `dup2`s cannot overwrite each other; `close_range` then drops every
    // other descriptor (the server's sockets, other requests' pipes). Failures are
    // ignored: each is a limit less, never unsoundness.
    unsafe {
        // Die with the server: a server killed (or crashing) mid-query must not leave
        // its evaluation running for nobody. The signal comes when the forking thread
        // ends, which waits for this child's answer or kills it; the `getppid` check
        // covers a parent that died before the `prctl`.
        libc::prctl(libc::PR_SET_PDEATHSIG, libc::SIGKILL);
        if libc::getppid() != parent {
            libc::_exit(ORPHANED);
        }
        libc::dup2(data, 1);
        libc::dup2(diag, 2);
        libc::syscall(
            libc::SYS_close_range,
            3 as libc::c_uint,
            libc::c_uint::MAX,
            0,
        );
        libc::setrlimit(libc::RLIMIT_AS, &cap);
        libc::setrlimit(libc::RLIMIT_CORE, &no_core);
        libc::nice(10);
    }
    // A panic's message would go nowhere useful, and the default hook may capture
    // and symbolize a backtrace (seconds, at nice +10): a silent hook instead.
    std::panic::set_hook(Box::new(|_| {}));
    let code = match std::panic::catch_unwind(AssertUnwindSafe(work)) {
        Ok(bytes) => {
            let len = (bytes.len() as u64).to_le_bytes();
            if write_all(1, &len) && write_all(1, &bytes) {
                0
            } else {
                WRITE_FAILED
            }
        }
        Err(payload) => {
            // Its destructor may be arbitrary code: never run it.
            std::mem::forget(payload);
            PANICKED
        }
    };
    // SAFETY: `_exit` ends this process at once, without destructors, `atexit`
    // handlers or stdio flushing — nothing that could touch state copied mid-use from
    // the parent's other threads.
    unsafe { libc::_exit(code) }
}

/// Writes all of `bytes` to `fd` (the child's side; no allocation, no lock).
fn write_all(fd: RawFd, mut bytes: &[u8]) -> bool {
    while !bytes.is_empty() {
        // SAFETY: `bytes` is a live slice; `write` reads at most its length.
        let n = unsafe { libc::write(fd, bytes.as_ptr().cast(), bytes.len()) };
        if n < 0 {
            if std::io::Error::last_os_error().kind() == std::io::ErrorKind::Interrupted {
                continue;
            }
            return false;
        }
        bytes = bytes.get(n.unsigned_abs()..).unwrap_or_default();
    }
    true
}

/// What the parent heard from the child before the pipe closed or the frame ended.
struct Heard {
    /// The answer, when the child wrote all of it.
    frame: Option<Vec<u8>>,
    /// The start of the child's stderr.
    diag: Vec<u8>,
}

/// Reads the answer frame and the child's stderr until the frame is whole or both
/// pipes are closed, or the deadline passes (`Isolated::TimedOut`).
/// How often [`collect`] looks at the abandonment flag while the child works.
const ABANDON_CHECK: Duration = Duration::from_millis(100);

fn collect(
    data: &OwnedFd,
    diag: &OwnedFd,
    deadline: Option<Instant>,
    abandoned: Option<&AtomicBool>,
) -> Result<Heard, Isolated> {
    let mut frame = Vec::new();
    let mut stderr = Vec::new();
    let (mut data_open, mut diag_open) = (true, true);
    let mut buffer = vec![0u8; 64 * 1024];
    while data_open || diag_open {
        if let Some(body) = whole(&frame) {
            return Ok(Heard {
                frame: Some(body.to_vec()),
                diag: stderr,
            });
        }
        if abandoned.is_some_and(|flag| flag.load(Ordering::SeqCst)) {
            return Err(Isolated::Abandoned);
        }
        let mut wait_ms = match deadline {
            None => -1,
            Some(deadline) => {
                let left = deadline.saturating_duration_since(Instant::now());
                if left.is_zero() {
                    return Err(Isolated::TimedOut);
                }
                // Round up so the deadline is not missed by a millisecond's spin.
                i32::try_from(left.as_millis() + 1).unwrap_or(i32::MAX)
            }
        };
        if abandoned.is_some() {
            let check = ABANDON_CHECK.as_millis() as i32;
            wait_ms = if wait_ms < 0 {
                check
            } else {
                wait_ms.min(check)
            };
        }
        let fd = |open: bool, fd: &OwnedFd| if open { fd.as_raw_fd() } else { -1 };
        let mut fds = [
            libc::pollfd {
                fd: fd(data_open, data),
                events: libc::POLLIN,
                revents: 0,
            },
            libc::pollfd {
                fd: fd(diag_open, diag),
                events: libc::POLLIN,
                revents: 0,
            },
        ];
        // SAFETY: `fds` is a live array of two `pollfd`s (a negative fd is ignored).
        let ready = unsafe { libc::poll(fds.as_mut_ptr(), 2, wait_ms) };
        if ready < 0 {
            let error = std::io::Error::last_os_error();
            if error.kind() == std::io::ErrorKind::Interrupted {
                continue;
            }
            return Err(Isolated::Io(format!("poll: {error}")));
        }
        if fds[0].revents != 0 {
            data_open = read_some(data, &mut buffer, &mut frame, usize::MAX)?;
        }
        if fds[1].revents != 0 {
            diag_open = read_some(diag, &mut buffer, &mut stderr, DIAG_KEEP)?;
            // The child is about to abort: say so now, not once the kernel has torn
            // down its memory (seconds for gigabytes at nice +10 on a busy machine).
            if alloc_failed(&stderr) {
                return Err(Isolated::OverBudget);
            }
        }
    }
    Ok(Heard {
        frame: whole(&frame).map(<[u8]>::to_vec),
        diag: stderr,
    })
}

/// The body of `frame` once it is all there (an 8-byte little-endian length, then
/// that many bytes).
fn whole(frame: &[u8]) -> Option<&[u8]> {
    let (len, body) = frame.split_first_chunk::<8>()?;
    let len = usize::try_from(u64::from_le_bytes(*len)).ok()?;
    (body.len() >= len).then(|| &body[..len])
}

/// Reads what `fd` has into `into` (keeping at most `keep` bytes); false at its end.
fn read_some(
    fd: &OwnedFd,
    buffer: &mut [u8],
    into: &mut Vec<u8>,
    keep: usize,
) -> Result<bool, Isolated> {
    // SAFETY: `buffer` is a live, writable slice; `read` writes at most its length.
    let n = unsafe { libc::read(fd.as_raw_fd(), buffer.as_mut_ptr().cast(), buffer.len()) };
    if n < 0 {
        let error = std::io::Error::last_os_error();
        return match error.kind() {
            std::io::ErrorKind::Interrupted | std::io::ErrorKind::WouldBlock => Ok(true),
            _ => Err(Isolated::Io(format!("read: {error}"))),
        };
    }
    let got = buffer.get(..n.unsigned_abs()).unwrap_or_default();
    let room = keep.saturating_sub(into.len()).min(got.len());
    into.extend_from_slice(&got[..room]);
    Ok(n != 0)
}

/// Why a child killed by a signal died: an allocation refused under the address
/// space cap is over the budget; any other death is a crash.
fn died(status: libc::c_int, diag: &[u8]) -> Isolated {
    if !libc::WIFSIGNALED(status) {
        return Isolated::Io(format!("the child ended oddly (wait status {status})"));
    }
    let signal = libc::WTERMSIG(status);
    if signal == libc::SIGABRT && alloc_failed(diag) {
        Isolated::OverBudget
    } else {
        Isolated::Crashed(signal)
    }
}

/// Whether the child's stderr says an allocation failed.
fn alloc_failed(diag: &[u8]) -> bool {
    let found = |needle: &[u8]| diag.windows(needle.len()).any(|w| w == needle);
    found(ALLOC_FAILED) && found(ALLOC_FAILED_END)
}

fn exit_code(status: libc::c_int) -> Option<i32> {
    libc::WIFEXITED(status).then(|| libc::WEXITSTATUS(status))
}

/// A forked child, killed and reaped when dropped unless already reaped.
struct Child {
    pid: libc::pid_t,
    reaped: bool,
}

impl Child {
    /// Waits for the child to end and reaps it; its wait status.
    fn wait(&mut self) -> Result<libc::c_int, Isolated> {
        let mut status = 0;
        loop {
            // SAFETY: `pid` is our own child, not yet reaped; `status` is a live local.
            let got = unsafe { libc::waitpid(self.pid, &mut status, 0) };
            if got == self.pid {
                self.reaped = true;
                return Ok(status);
            }
            let error = std::io::Error::last_os_error();
            if error.kind() != std::io::ErrorKind::Interrupted {
                // ECHILD: someone else reaped it; nothing is left to wait for.
                self.reaped = true;
                return Err(Isolated::Io(format!("waitpid: {error}")));
            }
        }
    }

    /// Kills the child (`SIGKILL`: its memory is freed at once) and reaps it.
    fn kill(&mut self) {
        if !self.reaped {
            // SAFETY: `pid` is our own child and not reaped, so the id cannot have
            // been reused by another process.
            unsafe { libc::kill(self.pid, libc::SIGKILL) };
            let _ = self.wait();
        }
    }
}

impl Child {
    /// Reaps the child now if it has ended, else as [`Child::kill_and_reap_later`].
    fn reap_soon(&mut self) {
        let mut status = 0;
        // SAFETY: `pid` is our own child, not yet reaped; `status` is a live local.
        if unsafe { libc::waitpid(self.pid, &mut status, libc::WNOHANG) } == self.pid {
            self.reaped = true;
        } else {
            self.kill_and_reap_later();
        }
    }

    /// Kills the child and reaps it on a thread of its own: the kernel frees a big
    /// child's memory at the child's (low) priority, which on a busy machine takes
    /// seconds the answer need not wait for.
    fn kill_and_reap_later(&mut self) {
        if self.reaped {
            return;
        }
        // SAFETY: as in `kill`: our own child, not reaped.
        unsafe { libc::kill(self.pid, libc::SIGKILL) };
        let mut later = Child {
            pid: self.pid,
            reaped: false,
        };
        self.reaped = true;
        // When no thread starts, the closure is dropped here and `later`'s drop
        // reaps the child inline.
        let _ = std::thread::Builder::new()
            .name("officegraph reaper".to_owned())
            .spawn(move || {
                let _ = later.wait();
            });
    }
}

impl Drop for Child {
    fn drop(&mut self) {
        self.kill();
    }
}

/// A pipe whose two ends are close-on-exec and numbered 3 or above (so the child's
/// `dup2` onto 1 and 2 cannot clobber them).
fn pipe() -> Result<(OwnedFd, OwnedFd), Isolated> {
    let mut fds = [0 as RawFd; 2];
    // SAFETY: `fds` is a live array of two ints, which `pipe2` fills on success.
    if unsafe { libc::pipe2(fds.as_mut_ptr(), libc::O_CLOEXEC) } != 0 {
        return Err(last_error("pipe"));
    }
    // SAFETY: both descriptors were just opened by `pipe2` and are owned by no one else.
    let (read, write) = unsafe { (OwnedFd::from_raw_fd(fds[0]), OwnedFd::from_raw_fd(fds[1])) };
    Ok((above_stdio(read)?, above_stdio(write)?))
}

fn above_stdio(fd: OwnedFd) -> Result<OwnedFd, Isolated> {
    if fd.as_raw_fd() > 2 {
        return Ok(fd);
    }
    // SAFETY: `fd` is open; F_DUPFD_CLOEXEC returns a new descriptor ≥ 3 or -1.
    let new = unsafe { libc::fcntl(fd.as_raw_fd(), libc::F_DUPFD_CLOEXEC, 3) };
    if new < 0 {
        return Err(last_error("fcntl"));
    }
    // SAFETY: `new` was just opened by `fcntl` and is owned by no one else.
    Ok(unsafe { OwnedFd::from_raw_fd(new) })
}

/// This process's address space now, in bytes (`/proc/self/statm`, first field).
fn vm_size() -> Result<u64, Isolated> {
    let statm = std::fs::read_to_string("/proc/self/statm")
        .map_err(|e| shortage_or("/proc/self/statm", &e))?;
    let pages: u64 = statm
        .split_whitespace()
        .next()
        .and_then(|field| field.parse().ok())
        .ok_or_else(|| Isolated::Io(format!("/proc/self/statm: unreadable `{statm}`")))?;
    // SAFETY: sysconf only reads a system constant.
    let page = unsafe { libc::sysconf(libc::_SC_PAGESIZE) };
    Ok(pages.saturating_mul(u64::try_from(page).unwrap_or(4096)))
}

/// The error of the call that just failed: out of descriptors, processes or memory
/// is [`Isolated::Busy`] (a moment's shortage, answered 503 like a full pool), the
/// rest [`Isolated::Io`].
fn last_error(call: &str) -> Isolated {
    shortage_or(call, &std::io::Error::last_os_error())
}

/// [`Isolated::Busy`] for a shortage of descriptors, processes or memory, else
/// [`Isolated::Io`] naming `what`.
fn shortage_or(what: &str, error: &std::io::Error) -> Isolated {
    match error.raw_os_error() {
        Some(libc::EMFILE | libc::ENFILE | libc::EAGAIN | libc::ENOMEM) => Isolated::Busy,
        _ => Isolated::Io(format!("{what}: {error}")),
    }
}
