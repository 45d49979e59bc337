/** The one model a worker holds: loading it (device choice, progress) and handing it out. */
import { findModel, type CatalogEntry, type DType } from './catalog';
import { selectDevice, type DevicePreference } from './device';
import type { CallContext } from './host';
import type { LoadOptions } from './load';
import { configureRuntime, type RuntimeConfig } from './runtime-config';

export interface LoadParams {
  model: string;
  device: DevicePreference;
  config: RuntimeConfig;
  /** Forces a precision (benchmarks, tests); by default the device's preference list decides. */
  dtype?: DType;
}

export class ModelSlot<T extends { dispose(): Promise<void> }> {
  private current: T | null = null;

  constructor(private readonly what: string) {}

  /** Replaces the held model; returns it with the reason its device was chosen. */
  async load(params: LoadParams, ctx: CallContext<unknown>, create: (entry: CatalogEntry, options: LoadOptions) => Promise<T>): Promise<{ model: T; deviceReason: string }> {
    configureRuntime(params.config);
    const report = await selectDevice(params.device);
    await this.current?.dispose();
    this.current = null;
    const shaderF16 = report.device === 'webgpu' ? (report.adapter?.shaderF16 ?? false) : false;
    this.current = await create(findModel(params.model), { device: report.device, onProgress: ctx.progress, shaderF16, dtype: params.dtype });
    return { model: this.current, deviceReason: report.reason };
  }

  get(): T {
    if (!this.current) throw new Error(`No ${this.what} is loaded yet. Load one first.`);
    return this.current;
  }
}
