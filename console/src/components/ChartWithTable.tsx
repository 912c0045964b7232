import { BarChart, LineChart } from 'echarts/charts';
import { GridComponent, LegendComponent, TooltipComponent } from 'echarts/components';
import * as echarts from 'echarts/core';
import { CanvasRenderer } from 'echarts/renderers';
import { useEffect, useId, useRef } from 'react';

echarts.use([BarChart, LineChart, GridComponent, LegendComponent, TooltipComponent, CanvasRenderer]);

export interface Series {
  name: string;
  values: number[];
}

/**
 * A chart and, beside it, the same numbers as a table (screen readers, copying, printing): the
 * canvas is decorative, the table is the content.
 */
export function ChartWithTable(props: {
  title: string;
  labels: string[];
  series: Series[];
  kind?: 'bar' | 'line';
  horizontal?: boolean;
  testId?: string;
}) {
  const el = useRef<HTMLDivElement>(null);
  const headingId = useId();
  const { labels, series, kind = 'bar', horizontal = false } = props;
  useEffect(() => {
    if (!el.current || labels.length === 0) return;
    const chart = echarts.init(el.current, undefined, { renderer: 'canvas' });
    const category = {
      type: 'category' as const,
      data: labels,
      axisLabel: { interval: 0, fontSize: 11, rotate: horizontal ? 0 : labels.length > 8 ? 45 : 0 },
    };
    const value = { type: 'value' as const, minInterval: 1 };
    // Several series need a key to their colours; one series is named by the title.
    const legend = series.length > 1;
    chart.setOption({
      animation: false,
      color: ['#b3261e', '#2f6f4f', '#1f4e8c'],
      tooltip: { trigger: 'axis' },
      legend: { show: legend, top: 0 },
      grid: {
        left: horizontal ? 110 : 40,
        right: 16,
        top: legend ? 40 : 16,
        bottom: horizontal ? 24 : labels.length > 8 ? 80 : 32,
      },
      xAxis: horizontal ? value : category,
      yAxis: horizontal ? { ...category, inverse: true } : value,
      series: series.map((s) => ({ name: s.name, type: kind, data: s.values, smooth: kind === 'line' })),
    });
    // Follows its box (phone rotation, window resize, the grid reflowing to one column).
    const observer = new ResizeObserver(() => chart.resize());
    observer.observe(el.current);
    return () => {
      observer.disconnect();
      chart.dispose();
    };
  }, [labels, series, kind, horizontal]);
  const height = (horizontal ? Math.max(160, labels.length * 22 + 40) : 260) + (series.length > 1 ? 24 : 0);
  return (
    <section className="card chart" aria-labelledby={headingId} data-testid={props.testId}>
      <h3 id={headingId}>{props.title}</h3>
      {labels.length === 0 ? (
        <p className="muted">所选期间暂无数据。</p>
      ) : (
        <div ref={el} className="chart-canvas" style={{ height }} aria-hidden="true" />
      )}
      <details>
        <summary>数据表（{labels.length} 项）</summary>
        <div className="table-wrap">
          <table>
            <caption className="sr-only">{props.title}</caption>
            <thead>
              <tr>
                <th scope="col">项目</th>
                {series.map((s) => (
                  <th scope="col" key={s.name}>
                    {s.name}
                  </th>
                ))}
              </tr>
            </thead>
            <tbody>
              {labels.map((l, i) => (
                <tr key={l}>
                  <th scope="row">{l}</th>
                  {series.map((s) => (
                    <td key={s.name}>{s.values[i]}</td>
                  ))}
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      </details>
    </section>
  );
}
