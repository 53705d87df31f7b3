//! `auto`'s timed trial natively: its clock measures real training, the faster device wins and
//! the reason says both rates, a failed trial hands the run to the other device, and the run
//! itself is never trained by it. (Native builds have one device, the CPU, so the devices
//! timed here are two CPU devices; in the browser they are WebGPU and the CPU.)
#![cfg(not(target_arch = "wasm32"))]

use gan_playground::PlaygroundError;
use gan_playground::backend::{self, BackendChoice, BackendKind, ComputeDevice};
use gan_playground::data::images::{ImageData, ImageSet};
use gan_playground::train::game_settings::ToyGanConfig;
use gan_playground::train::image_gan::{ImageGan, ImageGanSettings};
use gan_playground::train::lab::{Lab, LabSettings};
use gan_playground::train::toy::ToyGan;
use gan_playground::train::trial::{self, Measured, Steps, Trial, iterations_per_second, verdict};
use pollster::block_on;

fn cpu(reason: &str) -> ComputeDevice {
    backend::cpu(BackendChoice::Auto, reason)
}

/// A CPU device labelled as WebGPU: `verdict` only reads the labels.
fn labelled_webgpu() -> ComputeDevice {
    let mut device = cpu("");
    device.info.kind = BackendKind::Webgpu;
    device
}

#[test]
fn the_faster_device_wins_and_the_reason_gives_both_rates() {
    let chosen = verdict(
        Measured {
            device: labelled_webgpu(),
            rate: Ok(310.0),
        },
        Measured {
            device: cpu(""),
            rate: Ok(1240.0),
        },
    )
    .unwrap();
    assert_eq!(chosen.info.kind, BackendKind::Cpu);
    let reason = &chosen.info.reason;
    assert!(reason.starts_with("auto: timed this run"), "{reason}");
    assert!(reason.contains("the CPU 1240 it/s"), "{reason}");
    assert!(reason.contains("WebGPU 310 it/s"), "{reason}");
    assert!(reason.contains("4.0× faster"), "{reason}");

    let chosen = verdict(
        Measured {
            device: labelled_webgpu(),
            rate: Ok(900.0),
        },
        Measured {
            device: cpu(""),
            rate: Ok(300.0),
        },
    )
    .unwrap();
    assert_eq!(chosen.info.kind, BackendKind::Webgpu);
    assert!(chosen.info.reason.contains("WebGPU is 3.0× faster"));
}

#[test]
fn a_device_that_fails_its_trial_hands_the_run_to_the_other() {
    let lost = || Err(PlaygroundError::Device("the device was lost".into()));
    let chosen = verdict(
        Measured {
            device: labelled_webgpu(),
            rate: lost(),
        },
        Measured {
            device: cpu(""),
            rate: Ok(500.0),
        },
    )
    .unwrap();
    assert_eq!(chosen.info.kind, BackendKind::Cpu);
    assert_eq!(
        chosen.info.reason,
        "auto: WebGPU failed its trial (the compute device failed: the device was lost), \
         the CPU runs"
    );
    let neither = verdict(
        Measured {
            device: labelled_webgpu(),
            rate: lost(),
        },
        Measured {
            device: cpu(""),
            rate: lost(),
        },
    );
    assert!(neither.is_err());
}

/// Counts its steps and sleeps a fixed time per step: the clock must see that rate.
struct Sleeper {
    steps: u32,
    each_ms: u64,
}

impl Steps for Sleeper {
    async fn steps(&mut self, n: u32) -> gan_playground::error::Result<()> {
        self.steps += n;
        std::thread::sleep(std::time::Duration::from_millis(
            self.each_ms * u64::from(n),
        ));
        Ok(())
    }
}

#[test]
fn the_clock_measures_the_steps_once_warm() {
    let mut slow = Sleeper {
        steps: 0,
        each_ms: 5,
    };
    let rate = block_on(iterations_per_second(&mut slow, 200.0)).unwrap();
    // 5 ms a step is 200 it/s; sleeping overshoots a little, never undershoots.
    assert!((150.0..=201.0).contains(&rate), "{rate} it/s");
    // Warm-up first, then enough steps to fill the budget without blowing it by much.
    assert!(
        (2 + 30..=2 + 90).contains(&slow.steps),
        "{} steps",
        slow.steps
    );
}

/// The trial trains twins: the run keeps its weights, losses and iteration.
#[test]
fn the_trial_trains_twins_and_leaves_the_run_alone() {
    let mut gan = ToyGan::new(ToyGanConfig::default(), cpu("auto: WebGPU adapter found")).unwrap();
    block_on(gan.train(3)).unwrap();
    let losses = gan.losses().to_vec();
    let chosen = block_on(trial::faster(&gan, cpu(""), cpu(""))).unwrap();
    assert_eq!(gan.losses(), &losses[..]);
    assert!(
        chosen.info.reason.contains("it/s"),
        "{}",
        chosen.info.reason
    );
    let twin_rate = |run: &ToyGan| {
        let mut twin = run.twin_on(&cpu("")).unwrap();
        block_on(iterations_per_second(&mut twin, 100.0)).unwrap()
    };
    let rate = twin_rate(&gan);
    assert!(rate.is_finite() && rate > 1.0, "{rate} it/s");

    // The lab's twin is its main run afresh, on the same split.
    let digits = ImageSet::shipped(
        ImageData::Digits8,
        include_bytes!("../www/data/digits8x8.u8"),
        Some(include_bytes!("../www/data/digits8x8.labels.u8")),
    )
    .unwrap();
    let mut lab = Lab::new(LabSettings::default(), &digits, cpu("")).unwrap();
    block_on(lab.train(2)).unwrap();
    let twin = lab.twin_on(&cpu("")).unwrap();
    assert_eq!(twin.iteration(), 0);
    assert_eq!(twin.train_set(), lab.run().train_set());
    let chosen = block_on(trial::faster(&lab, cpu(""), cpu(""))).unwrap();
    assert!(chosen.info.reason.contains("it/s"));
    assert_eq!(lab.iteration(), 2);

    // The image GAN's twin is a fresh run with its settings, on the same images.
    let small = ImageGanSettings {
        width: 4,
        noise_dim: 8,
        batch: 16,
        ..ImageGanSettings::default()
    };
    let mut gan = ImageGan::new(small.clone(), &digits, cpu("")).unwrap();
    block_on(gan.train(2)).unwrap();
    let losses = gan.history().to_vec();
    let twin = gan.twin_on(&cpu("")).unwrap();
    assert_eq!((twin.iteration(), twin.settings()), (0, &small));
    let chosen = block_on(trial::faster(&gan, cpu(""), cpu(""))).unwrap();
    assert!(chosen.info.reason.contains("it/s"));
    assert_eq!(gan.history(), &losses[..], "the run itself is not trained");
}

/// `settle` only ever acts on auto's hardware WebGPU: a CPU run, chosen or auto's, stays.
#[test]
fn settle_leaves_a_cpu_run_as_it_is() {
    for choice in [BackendChoice::Auto, BackendChoice::Cpu] {
        let device = backend::cpu(choice, "the reason it had");
        let mut gan = ToyGan::new(ToyGanConfig::default(), device).unwrap();
        block_on(trial::settle(&mut gan)).unwrap();
        assert_eq!(gan.backend().reason, "the reason it had");
    }
}
