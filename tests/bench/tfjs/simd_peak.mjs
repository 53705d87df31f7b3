// Benchmark (prints numbers, asserts nothing): this CPU's single-thread WebAssembly SIMD
// peak, in GFLOP/s, as V8 runs it: the ceiling that "what fraction of peak" questions about
// the dcgan28 workload are asked against. A hand-assembled module runs 7 independent chains
// of f32x4.mul and 7 of f32x4.add (register-resident, nothing loaded or stored), so the
// only limit is how many 128-bit multiplies and adds the core retires a cycle. Baseline wasm
// SIMD has no fused multiply-add: a matrix product's multiply-add costs one of each, and
// 4 lanes × (1 mul + 1 add) is what a GEMM can at best retire per pair.
//
//   node simd_peak.mjs [runs, default 5]
// Node's V8 compiles wasm SIMD as Chromium's does (the same engine); run it on an idle machine.

const CHAINS = 7; // of each kind: 14 accumulators + the constant fit x86-64's 16 vector registers

/** Unsigned LEB128. */
const leb = (n) => {
  const out = [];
  do {
    let byte = n & 0x7f;
    n >>>= 7;
    if (n) byte |= 0x80;
    out.push(byte);
  } while (n);
  return out;
};
const f32x4 = (x) => {
  const bytes = new Uint8Array(16);
  const view = new DataView(bytes.buffer);
  for (let k = 0; k < 4; k++) view.setFloat32(4 * k, x, true);
  return [0xfd, ...leb(0x0c), ...bytes]; // v128.const
};
const SIMD = (op) => [0xfd, ...leb(op)];
const ADD = SIMD(0xe4); // f32x4.add
const MUL = SIMD(0xe6); // f32x4.mul
const section = (id, body) => [id, ...leb(body.length), ...body];

/** run(n: i32) -> f32: n loop turns, each one mul per mul chain and one add per add chain. */
function module() {
  const m = 1 + 2 * CHAINS; // local index of the constant (0 is n)
  const code = [];
  for (let i = 1; i <= 2 * CHAINS; i++) code.push(...f32x4(1), 0x21, ...leb(i)); // local.set
  code.push(...f32x4(0.9999999), 0x21, ...leb(m));
  code.push(0x02, 0x40, 0x03, 0x40); // block, loop
  for (let i = 1; i <= CHAINS; i++) code.push(0x20, ...leb(i), 0x20, ...leb(m), ...MUL, 0x21, ...leb(i));
  for (let i = CHAINS + 1; i <= 2 * CHAINS; i++) code.push(0x20, ...leb(i), 0x20, ...leb(m), ...ADD, 0x21, ...leb(i));
  // n -= 1; loop while n != 0
  code.push(0x20, 0, 0x41, 1, 0x6b, 0x22, 0, 0x0d, 0, 0x0b, 0x0b);
  // The sum of every chain's first lane, so that no chain is dead code.
  code.push(0x20, 1);
  for (let i = 2; i <= 2 * CHAINS; i++) code.push(0x20, ...leb(i), ...ADD);
  code.push(...SIMD(0x1f), 0, 0x0b); // f32x4.extract_lane 0; end
  const body = [1, ...leb(2 * CHAINS + 1), 0x7b, ...code]; // one run of v128 locals
  return new Uint8Array([
    0x00, 0x61, 0x73, 0x6d, 0x01, 0x00, 0x00, 0x00,
    ...section(1, [1, 0x60, 1, 0x7f, 1, 0x7d]), // type: (i32) -> f32
    ...section(3, [1, 0]),
    ...section(7, [1, 3, ...new TextEncoder().encode('run'), 0x00, 0]),
    ...section(10, [1, ...leb(body.length), ...body]),
  ]);
}

const runs = Number(process.argv[2] ?? 5);
const { instance } = await WebAssembly.instantiate(module());
const run = instance.exports.run;
run(1_000_000); // tier up
const turns = 200_000_000;
const results = [];
for (let r = 0; r < runs; r++) {
  const t = performance.now();
  const sum = run(turns);
  const s = (performance.now() - t) / 1000;
  const ops = (turns * 2 * CHAINS) / s;
  results.push(ops * 4);
  console.log(`run ${r + 1}: ${(ops / 1e9).toFixed(2)} G vector ops/s = ${((4 * ops) / 1e9).toFixed(1)} GFLOP/s (${s.toFixed(2)} s; sum ${sum.toFixed(3)})`);
}
results.sort((a, b) => a - b);
const median = results[results.length >> 1];
console.log(`single-thread wasm SIMD peak (f32x4 mul + add, no FMA): ${(median / 1e9).toFixed(1)} GFLOP/s, median of ${runs}`);
