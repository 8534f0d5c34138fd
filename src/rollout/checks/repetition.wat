;; The repetition check's kernel (see repetition.ts): the share of the sampled character 20-grams of a window of
;; text that already occurred earlier in it. It runs on every response of a dump: in WebAssembly it takes less than
;; half the time of the same loops in JavaScript (measured side by side on 20,000 responses of the bench's dump).
;;
;; `npm run build` compiles this file into repetition-kernel.ts; a test checks that the two agree.
;;
;; Memory (one 64 KiB page):
;;   [0, 8192)       the window: at most 4096 UTF-16 code units, little-endian, written by the caller
;;   [8192, 24576)   the hashes of the window's n-grams, the sampled ones first (i32 each)
;;   [24576, 57344)  an open-addressing set of sampled hashes: 8192 slots (i32, 0 = empty), more than a window
;;                   has n-grams, so never full; emptied after each window
;;   [57344, 65536)  the slots filled for the current window (u16 each), to empty them
(module
  (memory (export "memory") 1)

  ;; The n of the n-grams: NGRAM_CHARS in repetition.ts.
  (global $n i32 (i32.const 20))
  ;; 31^20 mod 2^32: what the code unit leaving a rolling polynomial hash of base 31 weighs.
  (global $leaving_weight i32 (i32.const 211350913))

  ;; Hashes every n-gram of the window's `length` code units, keeping the sampled ones: each hash is written, and
  ;; the count moves on only when it is sampled (one in eight, by its mixed low bits). No branch: one taken for an
  ;; n-gram in eight, at random, is mispredicted so often that it would cost more than the hashing. Returns how
  ;; many were kept.
  (func $sample (param $length i32) (result i32)
    (local $hash i32) (local $k i32) (local $end i32) (local $sampled i32)
    (block $first
      (loop $unit
        (br_if $first (i32.ge_u (local.get $k) (global.get $n)))
        (local.set $hash
          (i32.add (i32.mul (local.get $hash) (i32.const 31)) (i32.load16_u (i32.shl (local.get $k) (i32.const 1)))))
        (local.set $k (i32.add (local.get $k) (i32.const 1)))
        (br $unit)))
    ;; `hash` is the n-gram ending before `end`.
    (local.set $end (global.get $n))
    (loop $next
      (i32.store offset=8192 (i32.shl (local.get $sampled) (i32.const 2)) (local.get $hash))
      ;; Mix the bits before sampling: the low bits of a polynomial hash follow the last code units.
      (local.set $sampled
        (i32.add (local.get $sampled)
          (i32.eqz (i32.and (i32.xor (local.get $hash) (i32.shr_u (local.get $hash) (i32.const 15))) (i32.const 7)))))
      (if (i32.eq (local.get $end) (local.get $length)) (then (return (local.get $sampled))))
      (local.set $hash
        (i32.add
          (i32.mul (local.get $hash) (i32.const 31))
          (i32.sub
            (i32.load16_u (i32.shl (local.get $end) (i32.const 1)))
            (i32.mul
              (i32.load16_u (i32.shl (i32.sub (local.get $end) (global.get $n)) (i32.const 1)))
              (global.get $leaving_weight)))))
      (local.set $end (i32.add (local.get $end) (i32.const 1)))
      (br $next))
    (unreachable))

  ;; How many of the first `sampled` hashes occurred earlier among them.
  (func $count_repeats (param $sampled i32) (result i32)
    (local $i i32) (local $hash i32) (local $stored i32) (local $slot i32) (local $current i32)
    (local $repeated i32) (local $filled i32)
    (block $counted
      (loop $next
        (br_if $counted (i32.ge_u (local.get $i) (local.get $sampled)))
        (local.set $hash (i32.load offset=8192 (i32.shl (local.get $i) (i32.const 2))))
        ;; 0 marks an empty slot: hash 0 is stored as 1.
        (local.set $stored (select (i32.const 1) (local.get $hash) (i32.eqz (local.get $hash))))
        (local.set $slot
          (i32.and
            (i32.shr_u
              (i32.mul (i32.xor (local.get $hash) (i32.shr_u (local.get $hash) (i32.const 15))) (i32.const 0x2c1b3c6d))
              (i32.const 3))
            (i32.const 8191)))
        (block $placed
          (loop $probe
            (local.set $current (i32.load offset=24576 (i32.shl (local.get $slot) (i32.const 2))))
            (if (i32.eqz (local.get $current))
              (then
                (i32.store offset=24576 (i32.shl (local.get $slot) (i32.const 2)) (local.get $stored))
                (i32.store16 offset=57344 (i32.shl (local.get $filled) (i32.const 1)) (local.get $slot))
                (local.set $filled (i32.add (local.get $filled) (i32.const 1)))
                (br $placed)))
            (if (i32.eq (local.get $current) (local.get $stored))
              (then
                (local.set $repeated (i32.add (local.get $repeated) (i32.const 1)))
                (br $placed)))
            (local.set $slot (i32.and (i32.add (local.get $slot) (i32.const 1)) (i32.const 8191)))
            (br $probe)))
        (local.set $i (i32.add (local.get $i) (i32.const 1)))
        (br $next)))
    ;; Empty the filled slots: cheaper than clearing the whole set.
    (block $emptied
      (loop $slot_to_empty
        (br_if $emptied (i32.eqz (local.get $filled)))
        (local.set $filled (i32.sub (local.get $filled) (i32.const 1)))
        (i32.store offset=24576
          (i32.shl (i32.load16_u offset=57344 (i32.shl (local.get $filled) (i32.const 1))) (i32.const 2))
          (i32.const 0))
        (br $slot_to_empty)))
    (local.get $repeated))

  ;; The share of the sampled n-grams of the window's first `length` (>= n) code units that are repeats.
  (func (export "repeatedShare") (param $length i32) (result f64)
    (local $sampled i32)
    (local.set $sampled (call $sample (local.get $length)))
    (if (result f64) (local.get $sampled)
      (then
        (f64.div
          (f64.convert_i32_u (call $count_repeats (local.get $sampled)))
          (f64.convert_i32_u (local.get $sampled))))
      (else (f64.const 0)))))
