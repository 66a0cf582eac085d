//! ALSA playback through `libasound.so.2` loaded at run time.
//!
//! limber never links libasound: building needs no `libasound2-dev` or
//! pkg-config, and the binary starts on machines without ALSA (it falls back
//! to the terminal bell). Only eight functions are used, looked up by name.
//!
//! This is the crate's only `unsafe` code: calls into C through function
//! pointers whose signatures are copied from `alsa/pcm.h` and `alsa/error.h`.

#![allow(unsafe_code)]

use std::ffi::{CStr, CString, c_char, c_int, c_long, c_uint, c_ulong, c_void};
use std::sync::Arc;

use libloading::Library;

/// The library loaded unless `LIMBER_LIBASOUND` names another.
pub const DEFAULT_LIBRARY: &str = "libasound.so.2";

const SND_PCM_STREAM_PLAYBACK: c_int = 0;
const SND_PCM_FORMAT_S16_LE: c_int = 2;
const SND_PCM_ACCESS_RW_INTERLEAVED: c_int = 3;
/// Let ALSA resample to what the device supports.
const SOFT_RESAMPLE: c_int = 1;
/// Requested latency: small enough that a cue starts promptly.
const LATENCY_US: c_uint = 50_000;

type Pcm = c_void;
type OpenFn = unsafe extern "C" fn(*mut *mut Pcm, *const c_char, c_int, c_int) -> c_int;
type SetParamsFn = unsafe extern "C" fn(*mut Pcm, c_int, c_int, c_uint, c_uint, c_int, c_uint) -> c_int;
type WriteiFn = unsafe extern "C" fn(*mut Pcm, *const c_void, c_ulong) -> c_long;
type RecoverFn = unsafe extern "C" fn(*mut Pcm, c_int, c_int) -> c_int;
type PcmFn = unsafe extern "C" fn(*mut Pcm) -> c_int;
type StrerrorFn = unsafe extern "C" fn(c_int) -> *const c_char;
/// alsa-lib's handler type is variadic (`const char *fmt, ...`). Ours takes
/// only the fixed arguments and ignores them; on the C calling conventions
/// of Linux a callee may ignore trailing variadic arguments safely.
type ErrorHandler = unsafe extern "C" fn(*const c_char, c_int, *const c_char, c_int, *const c_char);
type SetHandlerFn = unsafe extern "C" fn(Option<ErrorHandler>) -> c_int;

/// Swallows alsa-lib's messages, which it would otherwise print to stderr,
/// that is, over the TUI.
unsafe extern "C" fn quiet(_: *const c_char, _: c_int, _: *const c_char, _: c_int, _: *const c_char) {}

/// The loaded library and the functions limber uses.
pub struct Alsa {
    open: OpenFn,
    set_params: SetParamsFn,
    writei: WriteiFn,
    recover: RecoverFn,
    prepare: PcmFn,
    drain: PcmFn,
    close: PcmFn,
    strerror: StrerrorFn,
    /// Which library file was loaded, for messages.
    pub name: String,
    // Keeps the code behind the pointers above mapped; dropped last.
    _lib: Library,
}

/// The library name to load: `LIMBER_LIBASOUND`, else [`DEFAULT_LIBRARY`].
pub fn library_name() -> String {
    std::env::var("LIMBER_LIBASOUND")
        .ok()
        .filter(|s| !s.is_empty())
        .unwrap_or_else(|| DEFAULT_LIBRARY.to_string())
}

/// libloading puts the useful text (dlerror's) in the error's source.
fn load_error(e: &libloading::Error) -> String {
    use std::error::Error;
    match e.source() {
        Some(s) => s.to_string(),
        None => e.to_string(),
    }
}

impl Alsa {
    /// Loads the library and looks up every function, and silences
    /// alsa-lib's own error printing.
    pub fn load(name: &str) -> Result<Self, String> {
        // A path (from LIMBER_LIBASOUND) must be a regular file: dlopen on a
        // FIFO would wait for a writer forever, before the first cue. It is
        // opened (without blocking) and checked here, and dlopen is given
        // that open file through /proc, so nothing swapped in after the
        // check is loaded.
        let shown = crate::text::printable(name);
        let opened = if name.contains('/') {
            let f = crate::fsx::open_regular(std::path::Path::new(name))
                .map_err(|e| format!("{shown} could not be loaded: {e}"))?;
            Some(f)
        } else {
            None
        };
        let target = match &opened {
            Some(f) => {
                use std::os::fd::AsRawFd;
                let via = format!("/proc/self/fd/{}", f.as_raw_fd());
                if std::path::Path::new(&via).exists() { via } else { name.to_string() }
            }
            None => name.to_string(),
        };
        // SAFETY: loading runs the library's initialisers; libasound's are
        // ordinary C constructors with no preconditions.
        let lib = unsafe { Library::new(&target) }
            .map_err(|e| format!("{shown} could not be loaded: {}", load_error(&e)))?;
        drop(opened);
        macro_rules! sym {
            ($name:literal, $ty:ty) => {
                // SAFETY: the type matches the C declaration in alsa-lib's
                // headers; the pointer stays valid while `lib` is loaded,
                // and `Alsa` owns `lib`.
                *unsafe { lib.get::<$ty>(concat!($name, "\0").as_bytes()) }
                    .map_err(|e| format!("{name} has no {}: {}", $name, load_error(&e)))?
            };
        }
        let alsa = Alsa {
            open: sym!("snd_pcm_open", OpenFn),
            set_params: sym!("snd_pcm_set_params", SetParamsFn),
            writei: sym!("snd_pcm_writei", WriteiFn),
            recover: sym!("snd_pcm_recover", RecoverFn),
            prepare: sym!("snd_pcm_prepare", PcmFn),
            drain: sym!("snd_pcm_drain", PcmFn),
            close: sym!("snd_pcm_close", PcmFn),
            strerror: sym!("snd_strerror", StrerrorFn),
            name: name.to_string(),
            _lib: {
                let set_handler: SetHandlerFn = sym!("snd_lib_error_set_handler", SetHandlerFn);
                // SAFETY: `quiet` has the handler's fixed arguments and does
                // nothing; it lives for the whole program.
                unsafe { set_handler(Some(quiet)) };
                lib
            },
        };
        Ok(alsa)
    }

    fn error_text(&self, code: c_int) -> String {
        // SAFETY: snd_strerror returns a pointer to a static string.
        let p = unsafe { (self.strerror)(code) };
        if p.is_null() {
            return format!("error {code}");
        }
        // SAFETY: non-null, NUL-terminated, static.
        unsafe { CStr::from_ptr(p) }.to_string_lossy().into_owned()
    }

    /// Opens a playback device for 16-bit mono at `rate`.
    pub fn open(self: &Arc<Self>, device: &str, rate: u32) -> Result<Device, String> {
        let c_device = CString::new(device).map_err(|_| "the device name contains a NUL byte".to_string())?;
        let mut pcm: *mut Pcm = std::ptr::null_mut();
        // SAFETY: `pcm` is a valid out-pointer; the name is NUL-terminated.
        let rc = unsafe { (self.open)(&mut pcm, c_device.as_ptr(), SND_PCM_STREAM_PLAYBACK, 0) };
        if rc < 0 || pcm.is_null() {
            return Err(format!("ALSA \"{device}\" could not be opened: {}", self.error_text(rc)));
        }
        let device = Device { alsa: Arc::clone(self), pcm, name: device.to_string() };
        // SAFETY: `pcm` was just opened and is owned by `device`.
        let rc = unsafe {
            (self.set_params)(
                pcm,
                SND_PCM_FORMAT_S16_LE,
                SND_PCM_ACCESS_RW_INTERLEAVED,
                1,
                rate,
                SOFT_RESAMPLE,
                LATENCY_US,
            )
        };
        if rc < 0 {
            return Err(format!(
                "ALSA device \"{}\" refused 16-bit mono: {}",
                device.name,
                self.error_text(rc)
            ));
        }
        Ok(device)
    }
}

/// An open playback device. Closed on drop.
pub struct Device {
    alsa: Arc<Alsa>,
    pcm: *mut Pcm,
    pub name: String,
}

impl Device {
    /// Writes every sample, then waits until they have played, so the next
    /// cue never cuts this one off. `snd_pcm_set_params` starts playback
    /// only once its buffer is full; draining starts short cues too.
    pub fn play(&mut self, samples: &[i16]) -> Result<(), String> {
        let mut rest = samples;
        while !rest.is_empty() {
            // SAFETY: `rest` is valid for `rest.len()` mono 16-bit frames.
            let n = unsafe { (self.alsa.writei)(self.pcm, rest.as_ptr().cast(), rest.len() as c_ulong) };
            if n < 0 {
                // SAFETY: `pcm` is open; recover handles underruns and
                // suspends, silently.
                let rc = unsafe { (self.alsa.recover)(self.pcm, n as c_int, 1) };
                if rc < 0 {
                    return Err(format!("writing to ALSA failed: {}", self.alsa.error_text(rc)));
                }
                continue;
            }
            rest = &rest[(n as usize).min(rest.len())..];
        }
        // SAFETY: `pcm` is open.
        unsafe {
            (self.alsa.drain)(self.pcm);
            (self.alsa.prepare)(self.pcm);
        }
        Ok(())
    }
}

impl Drop for Device {
    fn drop(&mut self) {
        // SAFETY: `pcm` is open and closed exactly once, here.
        unsafe { (self.alsa.close)(self.pcm) };
    }
}
