/**
 * Reading rendered pages in tests: parse5's tree (`parse` from parse5) walked as a list of
 * elements, with an element's attributes, classes and text.
 */
import type { DefaultTreeAdapterMap } from 'parse5';

export type Node = DefaultTreeAdapterMap['node'];
export type Element = DefaultTreeAdapterMap['element'];

/** Every element under `root` (itself included), in document order, `<template>` content too. */
export function elements(root: Node): Element[] {
  const out: Element[] = [];
  const walk = (n: Node) => {
    if ('tagName' in n) out.push(n as Element);
    if ('content' in n && n.content) walk(n.content as Node);
    if ('childNodes' in n) (n.childNodes as Node[]).forEach(walk);
  };
  walk(root);
  return out;
}

/** The value of attribute `name` of `el`, undefined when absent. */
export const attr = (el: Element, name: string): string | undefined => el.attrs.find((a) => a.name === name)?.value;

/** Whether `el`'s class attribute holds `c`. */
export const hasClass = (el: Element, c: string): boolean => (attr(el, 'class') ?? '').split(/\s+/).includes(c);

/** The text of `n` and everything under it, concatenated. */
export const text = (n: Node): string =>
  n.nodeName === '#text' ? (n as DefaultTreeAdapterMap['textNode']).value : 'childNodes' in n ? (n.childNodes as Node[]).map(text).join('') : '';
