/**
 * Resolves after one macrotask. Inference on WebAssembly resolves through microtasks only, so a
 * worker busy with it never handles incoming messages (like "cancel") unless it yields like this.
 * MessageChannel avoids setTimeout's 4 ms clamp.
 */
export function nextMacrotask(): Promise<void> {
  return new Promise((resolve) => {
    if (typeof MessageChannel === 'undefined') {
      setTimeout(resolve, 0);
      return;
    }
    const channel = new MessageChannel();
    channel.port1.onmessage = () => {
      channel.port1.close();
      resolve();
    };
    channel.port2.postMessage(null);
  });
}
