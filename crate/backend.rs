//! Which device computes: WebGPU (burn-wgpu's compute shaders) or the CPU (Burn's flex
//! backend), chosen at run time. `auto` takes WebGPU when the browser gives a hardware
//! adapter, the CPU otherwise; beside a hardware adapter, `train::trial` then times the run
//! on both and keeps the faster.

use std::str::FromStr;

use burn::module::{Module, ModuleMapper, ModuleVisitor, Param};
use burn::tensor::{Device, Tensor, TensorData, Transaction};
use serde::{Deserialize, Serialize};

use crate::error::{PlaygroundError, Result};

/// What the user asked for.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, Default)]
#[serde(rename_all = "lowercase")]
pub enum BackendChoice {
    #[default]
    Auto,
    Webgpu,
    Cpu,
}

impl FromStr for BackendChoice {
    type Err = PlaygroundError;
    fn from_str(s: &str) -> Result<Self> {
        match s {
            "auto" => Ok(Self::Auto),
            "webgpu" => Ok(Self::Webgpu),
            "cpu" => Ok(Self::Cpu),
            other => Err(PlaygroundError::UnknownBackend(other.to_string())),
        }
    }
}

/// What actually runs.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum BackendKind {
    Webgpu,
    Cpu,
}

/// The running backend as the page shows it.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct BackendInfo {
    pub kind: BackendKind,
    pub choice: BackendChoice,
    /// The WebGPU adapter's name, or the CPU backend's.
    pub name: String,
    /// Why this backend runs (e.g. why auto fell back to the CPU).
    pub reason: String,
    /// A software adapter (SwiftShader): correct, but no measure of GPU speed.
    pub fallback_adapter: bool,
}

/// A device with autodiff, ready to train on, and what it is.
#[derive(Clone)]
pub struct ComputeDevice {
    pub device: Device,
    pub info: BackendInfo,
}

/// Reads the tensors registered in `transaction` back as f32 numbers, in one round trip
/// and asynchronously (on WebGPU a read must not block).
pub async fn read_back(transaction: Transaction) -> Result<Vec<Vec<f32>>> {
    let data = transaction
        .execute_async()
        .await
        .map_err(PlaygroundError::device)?;
    data.iter()
        .map(|d| {
            d.as_slice::<f32>()
                .map(<[f32]>::to_vec)
                .map_err(PlaygroundError::device)
        })
        .collect()
}

/// `module` with every float parameter (weights, and statistics such as batch norm's)
/// read back and uploaded to `device`, each keeping its id and whether it takes gradients.
///
/// Burn's own `to_device` cannot cross backends here: from WebGPU it reads synchronously,
/// which a browser forbids, and an autodiff parameter moved that way carries its old graph.
/// A read-back and a fresh upload is what the switch really is, so it is done explicitly.
pub async fn move_module<M: Module>(module: M, device: &Device) -> Result<M> {
    struct Register {
        transaction: Option<Transaction>,
        sizes: Vec<usize>,
    }
    impl ModuleVisitor for Register {
        fn visit_float<const D: usize>(&mut self, param: &Param<Tensor<D>>) {
            let tensor = param.val();
            self.sizes.push(tensor.shape().num_elements());
            self.transaction = self.transaction.take().map(|t| t.register(tensor));
        }
    }
    struct Upload<'a> {
        values: std::vec::IntoIter<Vec<f32>>,
        device: &'a Device,
    }
    impl ModuleMapper for Upload<'_> {
        fn map_float<const D: usize>(&mut self, param: Param<Tensor<D>>) -> Param<Tensor<D>> {
            let (id, tensor, mapper) = param.consume();
            let (shape, grad) = (tensor.shape(), tensor.is_require_grad());
            // The sizes were checked against the read-back before mapping.
            let values = self.values.next().unwrap_or_default();
            let fresh = Tensor::from_data(TensorData::new(values, shape), self.device);
            let fresh = if grad { fresh.require_grad() } else { fresh };
            Param::from_mapped_value(id, fresh, mapper)
        }
    }
    let mut register = Register {
        transaction: Some(Transaction::default()),
        sizes: Vec::new(),
    };
    module.visit(&mut register);
    let values = read_back(register.transaction.unwrap_or_default()).await?;
    let read: Vec<usize> = values.iter().map(Vec::len).collect();
    if read != register.sizes {
        return Err(PlaygroundError::Device(format!(
            "moving the model read back {} tensors of sizes {read:?}, expected {:?}",
            read.len(),
            register.sizes
        )));
    }
    Ok(module.map(&mut Upload {
        values: values.into_iter(),
        device,
    }))
}

/// Burn's pure-Rust CPU backend (flex), with autodiff.
pub fn cpu(choice: BackendChoice, reason: impl Into<String>) -> ComputeDevice {
    ComputeDevice {
        device: Device::flex().autodiff(),
        info: BackendInfo {
            kind: BackendKind::Cpu,
            choice,
            name: "CPU (Burn flex)".into(),
            reason: reason.into(),
            fallback_adapter: false,
        },
    }
}

/// The device for `choice`: an error when WebGPU is asked for and missing, the CPU (saying
/// why) when `auto` finds no adapter.
pub async fn acquire(choice: BackendChoice) -> Result<ComputeDevice> {
    #[cfg(target_arch = "wasm32")]
    run_static_constructors();
    match choice {
        BackendChoice::Cpu => Ok(cpu(choice, "chosen")),
        BackendChoice::Webgpu => webgpu(choice).await,
        BackendChoice::Auto => match software_adapter().await {
            // A software adapter (SwiftShader) runs the shaders on the CPU, many times slower
            // than Burn's own CPU backend: auto takes the CPU and says why.
            Some(name) => Ok(cpu(
                choice,
                format!(
                    "auto: the only WebGPU adapter is a software one ({name}), slower than the \
                     CPU backend; choose WebGPU to run it anyway"
                ),
            )),
            None => match webgpu(choice).await {
                Ok(device) => Ok(device),
                Err(e) => Ok(cpu(choice, format!("auto: {e}"))),
            },
        },
    }
}

/// Runs the module's static constructors once. cubecl registers kernels and type casts
/// with them (`inventory`); unless they are called explicitly, wasm-ld runs them again at the
/// start of *every* export called from JavaScript (~100 ms a call, most of a WebGPU step).
/// Called from the module's start and before any device is made (test harnesses skip start).
#[cfg(target_arch = "wasm32")]
pub fn run_static_constructors() {
    use std::sync::atomic::{AtomicBool, Ordering};
    unsafe extern "C" {
        fn __wasm_call_ctors();
    }
    static DONE: AtomicBool = AtomicBool::new(false);
    if !DONE.swap(true, Ordering::SeqCst) {
        // SAFETY: the linker's constructor list, run once per instance before any use.
        unsafe { __wasm_call_ctors() };
    }
}

/// The name of the browser's WebGPU adapter when it is a software one; `None` when it is
/// hardware or there is none.
#[cfg(not(target_arch = "wasm32"))]
async fn software_adapter() -> Option<String> {
    None
}

#[cfg(not(target_arch = "wasm32"))]
async fn webgpu(_choice: BackendChoice) -> Result<ComputeDevice> {
    Err(PlaygroundError::WebGpuUnavailable(
        "this native build carries only the CPU backend (WebGPU runs in the browser)".into(),
    ))
}

#[cfg(target_arch = "wasm32")]
thread_local! {
    // Burn registers the wgpu runtime once; later switches back to WebGPU reuse it.
    static WEBGPU: std::cell::RefCell<Option<(Device, String, bool)>> =
        const { std::cell::RefCell::new(None) };
}

#[cfg(target_arch = "wasm32")]
async fn software_adapter() -> Option<String> {
    let known = WEBGPU.with(|w| w.borrow().as_ref().map(|(_, n, f)| (n.clone(), *f)));
    match known {
        Some((name, fallback)) => fallback.then_some(name),
        None => match web::probe_adapter().await {
            Ok((name, true)) => Some(name),
            _ => None,
        },
    }
}

#[cfg(target_arch = "wasm32")]
async fn webgpu(choice: BackendChoice) -> Result<ComputeDevice> {
    thread_local! {
        static INITIALISING: std::cell::Cell<bool> = const { std::cell::Cell::new(false) };
    }
    // Two playgrounds on one page may ask at once: the second waits for the first's set-up
    // instead of registering the runtime twice (which Burn refuses).
    while INITIALISING.with(|i| i.get()) {
        web::sleep_ms(10).await;
    }
    if let Some((device, name, fallback)) = WEBGPU.with(|w| w.borrow().clone()) {
        return Ok(webgpu_device(device, name, fallback, choice));
    }
    INITIALISING.with(|i| i.set(true));
    let result = async {
        // Ask the browser first: wgpu must not be initialised where there is no adapter.
        let (name, fallback) = web::probe_adapter().await?;
        let device = Device::wgpu_options()
            .init_async()
            .await
            .map_err(|e| PlaygroundError::WebGpuUnavailable(format!("{e}")))?;
        WEBGPU.with(|w| *w.borrow_mut() = Some((device.clone(), name.clone(), fallback)));
        Ok(webgpu_device(device, name, fallback, choice))
    }
    .await;
    INITIALISING.with(|i| i.set(false));
    result
}

#[cfg(target_arch = "wasm32")]
fn webgpu_device(
    device: Device,
    name: String,
    fallback: bool,
    choice: BackendChoice,
) -> ComputeDevice {
    let reason = if choice == BackendChoice::Auto {
        "auto: WebGPU adapter found"
    } else {
        "chosen"
    };
    ComputeDevice {
        device: device.autodiff(),
        info: BackendInfo {
            kind: BackendKind::Webgpu,
            choice,
            name,
            reason: reason.into(),
            fallback_adapter: fallback,
        },
    }
}

#[cfg(target_arch = "wasm32")]
mod web {
    use js_sys::{Promise, Reflect};
    use wasm_bindgen::{JsCast, JsValue};
    use wasm_bindgen_futures::JsFuture;

    use crate::error::{PlaygroundError, Result};

    fn get(target: &JsValue, key: &str) -> JsValue {
        Reflect::get(target, &JsValue::from_str(key)).unwrap_or(JsValue::UNDEFINED)
    }

    fn text(target: &JsValue, key: &str) -> String {
        get(target, key).as_string().unwrap_or_default()
    }

    /// Resolves after `ms` milliseconds, letting the event loop run meanwhile.
    pub async fn sleep_ms(ms: i32) {
        let promise = Promise::new(&mut |resolve, _| {
            let set_timeout = get(&js_sys::global(), "setTimeout");
            if let Ok(f) = set_timeout.dyn_into::<js_sys::Function>() {
                let _ = f.call2(&JsValue::NULL, &resolve, &JsValue::from(ms));
            }
        });
        let _ = JsFuture::from(promise).await;
    }

    /// `navigator.gpu.requestAdapter()`: the adapter's name and whether it is a software one.
    pub async fn probe_adapter() -> Result<(String, bool)> {
        let unavailable = |why: &str| PlaygroundError::WebGpuUnavailable(why.to_string());
        let gpu = get(&get(&js_sys::global(), "navigator"), "gpu");
        if gpu.is_undefined() || gpu.is_null() {
            return Err(unavailable("this browser has no navigator.gpu"));
        }
        let request = get(&gpu, "requestAdapter")
            .dyn_into::<js_sys::Function>()
            .map_err(|_| unavailable("navigator.gpu.requestAdapter is missing"))?;
        let promise = request
            .call0(&gpu)
            .ok()
            .and_then(|p| p.dyn_into::<Promise>().ok())
            .ok_or_else(|| unavailable("requestAdapter() failed"))?;
        let adapter = JsFuture::from(promise)
            .await
            .map_err(|e| unavailable(&format!("requestAdapter() rejected: {e:?}")))?;
        if adapter.is_null() || adapter.is_undefined() {
            return Err(unavailable("requestAdapter() gave no adapter"));
        }
        let info = get(&adapter, "info");
        let parts: Vec<String> = ["description", "vendor", "architecture", "device"]
            .iter()
            .map(|k| text(&info, k))
            .filter(|s| !s.is_empty())
            .collect();
        let name = if parts.is_empty() {
            "WebGPU adapter".to_string()
        } else {
            parts.join(" ")
        };
        // Chromium's SwiftShader does not always raise the flag: its name says it too.
        let fallback = get(&info, "isFallbackAdapter").as_bool().unwrap_or(false)
            || get(&adapter, "isFallbackAdapter")
                .as_bool()
                .unwrap_or(false)
            || name.to_lowercase().contains("swiftshader");
        Ok((format!("WebGPU: {name}"), fallback))
    }
}
