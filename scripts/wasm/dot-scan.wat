;; Dot products of one query against many rows, four lanes at a time (WebAssembly SIMD).
;; scores(query, data, rows, dims, out): out[r] = Σ_d query[d] · data[r·dims + d]
;; All pointers are byte offsets into this module's memory; dims is a multiple of 4.
(module
  (memory (export "memory") 1)
  (func (export "scores") (param $query i32) (param $data i32) (param $rows i32) (param $dims i32) (param $out i32)
    (local $r i32) (local $d i32) (local $row i32) (local $bytes i32) (local $acc v128) (local $acc2 v128)
    (local.set $bytes (i32.shl (local.get $dims) (i32.const 2)))
    (local.set $row (local.get $data))
    (block $done
      (loop $rows_loop
        (br_if $done (i32.ge_u (local.get $r) (local.get $rows)))
        (local.set $acc (v128.const f32x4 0 0 0 0))
        (local.set $acc2 (v128.const f32x4 0 0 0 0))
        (local.set $d (i32.const 0))
        ;; two accumulators, eight floats per step, for more multiplies in flight
        (block $dims_done
          (loop $dims_loop
            (br_if $dims_done (i32.gt_u (i32.add (local.get $d) (i32.const 32)) (local.get $bytes)))
            (local.set $acc (f32x4.add (local.get $acc)
              (f32x4.mul (v128.load (i32.add (local.get $query) (local.get $d)))
                         (v128.load (i32.add (local.get $row) (local.get $d))))))
            (local.set $acc2 (f32x4.add (local.get $acc2)
              (f32x4.mul (v128.load offset=16 (i32.add (local.get $query) (local.get $d)))
                         (v128.load offset=16 (i32.add (local.get $row) (local.get $d))))))
            (local.set $d (i32.add (local.get $d) (i32.const 32)))
            (br $dims_loop)))
        (block $tail_done
          (loop $tail_loop
            (br_if $tail_done (i32.ge_u (local.get $d) (local.get $bytes)))
            (local.set $acc (f32x4.add (local.get $acc)
              (f32x4.mul (v128.load (i32.add (local.get $query) (local.get $d)))
                         (v128.load (i32.add (local.get $row) (local.get $d))))))
            (local.set $d (i32.add (local.get $d) (i32.const 16)))
            (br $tail_loop)))
        (local.set $acc (f32x4.add (local.get $acc) (local.get $acc2)))
        (f32.store
          (i32.add (local.get $out) (i32.shl (local.get $r) (i32.const 2)))
          (f32.add
            (f32.add (f32x4.extract_lane 0 (local.get $acc)) (f32x4.extract_lane 1 (local.get $acc)))
            (f32.add (f32x4.extract_lane 2 (local.get $acc)) (f32x4.extract_lane 3 (local.get $acc)))))
        (local.set $row (i32.add (local.get $row) (local.get $bytes)))
        (local.set $r (i32.add (local.get $r) (i32.const 1)))
        (br $rows_loop))))
  ;; scores_i8(query, data, rows, dims, out): out[r] = Σ_d query[d] · data[r·dims + d] as i32, for
  ;; int8 query and rows (a quarter of the memory traffic of float32); dims is a multiple of 16.
  (func (export "scores_i8") (param $query i32) (param $data i32) (param $rows i32) (param $dims i32) (param $out i32)
    (local $r i32) (local $d i32) (local $row i32) (local $acc v128) (local $q v128) (local $x v128)
    (local.set $row (local.get $data))
    (block $done
      (loop $rows_loop
        (br_if $done (i32.ge_u (local.get $r) (local.get $rows)))
        (local.set $acc (v128.const i32x4 0 0 0 0))
        (local.set $d (i32.const 0))
        (block $dims_done
          (loop $dims_loop
            (br_if $dims_done (i32.ge_u (local.get $d) (local.get $dims)))
            (local.set $q (v128.load (i32.add (local.get $query) (local.get $d))))
            (local.set $x (v128.load (i32.add (local.get $row) (local.get $d))))
            (local.set $acc (i32x4.add (local.get $acc)
              (i32x4.dot_i16x8_s (i16x8.extend_low_i8x16_s (local.get $q)) (i16x8.extend_low_i8x16_s (local.get $x)))))
            (local.set $acc (i32x4.add (local.get $acc)
              (i32x4.dot_i16x8_s (i16x8.extend_high_i8x16_s (local.get $q)) (i16x8.extend_high_i8x16_s (local.get $x)))))
            (local.set $d (i32.add (local.get $d) (i32.const 16)))
            (br $dims_loop)))
        (i32.store
          (i32.add (local.get $out) (i32.shl (local.get $r) (i32.const 2)))
          (i32.add
            (i32.add (i32x4.extract_lane 0 (local.get $acc)) (i32x4.extract_lane 1 (local.get $acc)))
            (i32.add (i32x4.extract_lane 2 (local.get $acc)) (i32x4.extract_lane 3 (local.get $acc)))))
        (local.set $row (i32.add (local.get $row) (local.get $dims)))
        (local.set $r (i32.add (local.get $r) (i32.const 1)))
        (br $rows_loop)))))
