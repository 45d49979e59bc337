import { describe, expect, it } from 'vitest';
import { findModel } from './catalog';
import { explainLoadError } from './load';

const entry = findModel('onnx-community/Qwen2.5-0.5B-Instruct');

describe('load errors say what happened and what to do', () => {
  it.each([
    ['`local_files_only=true` or `env.allowRemoteModels=false` and file was not found locally at "/models/x/onnx/model_q4.onnx".', 'missing', /the file \/models\/x\/onnx\/model_q4\.onnx is missing.*npm run models -- onnx-community\/Qwen2\.5-0\.5B-Instruct/],
    ["Cannot read properties of undefined (reading 'tokenizer_class')", 'missing', /configuration or tokenizer files were not found/],
    ['Error: Can\'t create a session. ERROR_CODE: 7, ERROR_MESSAGE: Failed to load model because protobuf parsing failed.', 'corrupt', /onnx\/model_q4\.onnx is corrupt or incomplete/],
    ['Unexpected token < in JSON at position 0', 'corrupt', /not valid JSON/],
    ['TypeError: Failed to fetch', 'network', /could not be downloaded \(TypeError: Failed to fetch\)/],
    ["Can't create a session. ERROR_CODE: 9, ERROR_MESSAGE: Could not find an implementation for MatMulNBits(1) node with name 'm'", 'unsupported-operator', /uses an operation .* cannot run/],
    ["Can't create a session. ERROR_CODE: 6, ERROR_MESSAGE: std::bad_alloc", 'out-of-memory', /does not fit in this browser's memory/],
    ['RangeError: Array buffer allocation failed', 'out-of-memory', /Close other tabs/],
    ["Can't create a session. The device does not support the 'shader-f16' feature", 'missing-feature', /Choose WebAssembly/],
  ])('%s', (raw, kind, message) => {
    const error = explainLoadError(entry, 'q4', new Error(raw));
    expect(error.kind).toBe(kind);
    expect(error.message).toMatch(message);
  });
});
