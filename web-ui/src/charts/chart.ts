// ECharts, registered piece by piece (log axes, many series, heatmaps, custom error bars, PNG and SVG export).
import { CustomChart, HeatmapChart, LineChart } from 'echarts/charts';
import { GridComponent, LegendComponent, TooltipComponent, VisualMapComponent } from 'echarts/components';
import * as echarts from 'echarts/core';
import { CanvasRenderer, SVGRenderer } from 'echarts/renderers';
import { download, h } from '../dom';
import { currentTheme } from '../theme';

echarts.use([
  LineChart, HeatmapChart, CustomChart, GridComponent, LegendComponent, TooltipComponent, VisualMapComponent,
  CanvasRenderer, SVGRenderer,
]);

export type ChartOption = echarts.EChartsCoreOption;

const live = new Set<Chart>();

/**
 * One chart in a page. Its container carries `data-chart` (its name) and `data-series` (the JSON list of the names
 * of the series it draws, read back from ECharts after each update): what a reader — or the browser test — can
 * check without looking at pixels.
 */
export class Chart {
  readonly element: HTMLElement;
  private instance: echarts.ECharts | null = null;
  private option: ChartOption | null = null;
  private readonly resize = new ResizeObserver(() => this.instance?.resize());

  constructor(readonly name: string, height = 340) {
    this.element = h('div', { class: 'chart', 'data-chart': name, style: `height:${height}px` });
    this.resize.observe(this.element);
    live.add(this);
  }

  set(option: ChartOption): void {
    this.option = option;
    if (!this.element.isConnected) {
      // drawn when attached: ECharts needs the element's size
      requestAnimationFrame(() => this.element.isConnected && this.option === option && this.draw());
      return;
    }
    this.draw();
  }

  private draw(): void {
    if (!this.option) return;
    if (!this.instance) this.instance = echarts.init(this.element, currentTheme() === 'dark' ? 'dark' : undefined);
    this.instance.setOption({ backgroundColor: 'transparent', animationDuration: 300, animationDurationUpdate: 300, ...this.option }, { notMerge: true });
    const series = (this.instance.getOption().series ?? []) as { name?: string }[];
    this.element.dataset.series = JSON.stringify(series.map((s) => s.name ?? ''));
  }

  /** After a theme change: drawn again in the other theme. */
  redraw(): void {
    this.instance?.dispose();
    this.instance = null;
    this.draw();
  }

  exportPng(fileName: string): void {
    if (!this.instance) return;
    const url = this.instance.getDataURL({
      type: 'png',
      pixelRatio: 2,
      backgroundColor: currentTheme() === 'dark' ? '#15191f' : '#ffffff',
    });
    void fetch(url).then((r) => r.blob()).then((blob) => download(blob, `${fileName}.png`));
  }

  exportSvg(fileName: string): void {
    if (!this.option) return;
    const box = h('div', { style: `position:absolute;left:-10000px;width:${this.element.clientWidth || 800}px;height:${this.element.clientHeight || 340}px` });
    document.body.appendChild(box);
    const svg = echarts.init(box, currentTheme() === 'dark' ? 'dark' : undefined, { renderer: 'svg' });
    svg.setOption({ ...this.option, animation: false, backgroundColor: currentTheme() === 'dark' ? '#15191f' : '#ffffff' });
    const text = svg.renderToSVGString();
    svg.dispose();
    box.remove();
    download(new Blob([text], { type: 'image/svg+xml' }), `${fileName}.svg`);
  }

  dispose(): void {
    this.resize.disconnect();
    this.instance?.dispose();
    this.instance = null;
    live.delete(this);
  }

  /** PNG and SVG buttons for this chart. */
  exportButtons(fileName: string): HTMLElement {
    return h(
      'span',
      { class: 'exports' },
      h('button', { class: 'small', type: 'button', onclick: () => this.exportPng(fileName), title: 'Download the chart as PNG' }, 'PNG'),
      h('button', { class: 'small', type: 'button', onclick: () => this.exportSvg(fileName), title: 'Download the chart as SVG' }, 'SVG'),
    );
  }
}

export function redrawCharts(): void {
  for (const chart of live) chart.redraw();
}

/** Charts of a page that is left: their instances and observers go with it. */
export function disposeChartsOutside(root: HTMLElement): void {
  for (const chart of [...live]) {
    if (!root.contains(chart.element)) chart.dispose();
  }
}
