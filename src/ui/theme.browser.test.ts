/**
 * The colour scheme in real Chromium with the app's own stylesheet: the header's override wins over
 * the OS setting in both directions, and "system" follows the OS.
 */
import { afterEach, describe, expect, it } from 'vitest';
import './styles.css';
import { applyTheme } from './theme';

const LIGHT_BG = 'rgb(246, 247, 249)';
const DARK_BG = 'rgb(15, 20, 25)';
const background = () => getComputedStyle(document.body).backgroundColor;
const text = () => getComputedStyle(document.documentElement).color;

afterEach(() => applyTheme('system'));

describe('colour scheme', () => {
  it('dark and light overrides swap every colour variable; system follows the OS', () => {
    applyTheme('dark');
    expect(background()).toBe(DARK_BG);
    expect(text()).toBe('rgb(232, 235, 239)');
    expect(getComputedStyle(document.documentElement).colorScheme).toBe('dark');

    applyTheme('light');
    expect(background()).toBe(LIGHT_BG);
    expect(text()).toBe('rgb(29, 35, 43)');

    applyTheme('system');
    expect(background()).toBe(matchMedia('(prefers-color-scheme: dark)').matches ? DARK_BG : LIGHT_BG);
  });
});
