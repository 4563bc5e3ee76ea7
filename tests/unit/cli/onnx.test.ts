import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { encodeOnnx, readModel, readOnnx, writeModel } from '../../../src/shared/model';
import { Network } from '../../../src/shared/nn/network';
import { f32, intAttr, node, onnxModel } from '../model/onnxGraphs';
import { LECTURE_MODEL, runCli, tempDir, writeJson } from './runCli';

const dir = tempDir();
const lecture = readModel(LECTURE_MODEL);
const onnxFile = join(dir, 'net.onnx');
writeFileSync(onnxFile, encodeOnnx(lecture, { name: 'lecture' }));
const rows = [[0.05, 0.1], [1, -2], [0, 0]];
const rowsFile = writeJson(dir, 'rows.json', rows);

describe('cli commands that take --model read an .onnx file', () => {
  it('predict prints what the ONNX model computes: the model file\'s network with float32 weights', () => {
    const { code, stdout, stderr } = runCli(['predict', '--model', onnxFile, '--data', rowsFile, '--json']);
    expect(stderr).toBe('');
    expect(code).toBe(0);
    const expected = new Network(lecture.spec, lecture.params.map(Math.fround)).predict(Float64Array.from(rows.flat()), rows.length);
    expect((JSON.parse(stdout) as { outputs: number[][] }).outputs.flat()).toEqual(Array.from(expected));
  });

  it('export converts .onnx to the lab\'s model file, and that file exports to the same ONNX bytes', () => {
    const json = join(dir, 'net.model.json');
    expect(runCli(['export', '--model', onnxFile, '--format', 'json', '--out', json]).code).toBe(0);
    const file = JSON.parse(readFileSync(json, 'utf8')) as unknown;
    expect(file).toEqual(writeModel(readOnnx(readFileSync(onnxFile)), { name: 'lecture' }));
    const again = join(dir, 'again.onnx');
    expect(runCli(['export', '--model', json, '--format', 'onnx', '--out', again]).code).toBe(0);
    const [original, roundTrip] = [readOnnx(readFileSync(onnxFile)), readOnnx(readFileSync(again))];
    expect(roundTrip.spec).toEqual(original.spec);
    expect(Buffer.from(roundTrip.params.buffer).equals(Buffer.from(original.params.buffer))).toBe(true);
  });

  it('refuses an empty, a random and a grouped-convolution .onnx in words with exit code 1, writing nothing', () => {
    const cases: [string, Uint8Array, RegExp][] = [
      ['empty.onnx', new Uint8Array(0), /ONNX file '.*empty\.onnx': the file is empty/],
      ['random.onnx', Uint8Array.from({ length: 300 }, (_, k) => (k * 7919 + 13) % 251), /ONNX file '.*random\.onnx': not an ONNX model/],
      ['conv.onnx', onnxModel({ features: [2, 4, 4], opset: 14, nodes: [node('Conv', ['x', 'K'], 'y', [intAttr('group', 2)])], initializers: [f32('K', [2, 1, 2, 2], [1, 1, 1, 1, 1, 1, 1, 1])] }),
        /ONNX file '.*conv\.onnx': node 0 'Conv_y' \(Conv, opset 14\): grouped convolution \(group = 2\) is not supported/],
    ];
    for (const [name, bytes, message] of cases) {
      const path = join(dir, name);
      writeFileSync(path, bytes);
      const out = join(dir, `${name}.model.json`);
      for (const args of [['export', '--model', path, '--format', 'json', '--out', out], ['predict', '--model', path, '--data', rowsFile]]) {
        const { code, stderr } = runCli(args);
        expect(code, args.join(' ')).toBe(1);
        expect(stderr).toMatch(message);
        expect(stderr).not.toMatch(/\n\s+at /);
      }
      expect(existsSync(out)).toBe(false);
    }
  });
});
