// Draws the maestro-onnx report from its JSON blob (the script element
// #report-data, written by report/html/network_data.cc or
// search_data.cc): tables, notes and Chart.js charts. After drawing, <html>
// carries data-charts-expected (charts made), data-charts-drawn (charts
// whose canvas shows their data) and data-report-ready="1"; the browser
// test (tests/report/run_browser_test.sh) reads them back. docs/report.md
// says what each plot shows.
(function () {
  'use strict';
  const root = document.documentElement;
  const data = JSON.parse(document.getElementById('report-data').textContent);
  const main = document.getElementById('report');
  const charts = [];
  const COLORS = {
    compute: '#2f6fb3', noc: '#e08a00', offchip: '#c0392b',
    parts: ['#4c9f70', '#2f6fb3', '#7d5ba6', '#e08a00', '#c0392b'],
    series: ['#2f6fb3', '#e08a00', '#4c9f70', '#c0392b', '#7d5ba6',
             '#17a2b8', '#8c6d31', '#d63384', '#6c757d', '#20c997']
  };
  const BOUNDS = ['compute', 'noc', 'offchip'];
  const PARTS = ['MAC', 'L1', 'L2', 'NoC', 'DRAM'];

  Chart.defaults.animation = false;
  Chart.defaults.maintainAspectRatio = false;
  Chart.defaults.font.family = '"DejaVu Sans", Helvetica, Arial, sans-serif';
  Chart.defaults.font.size = 11;
  Chart.defaults.color = '#1d2430';

  // ---- DOM and number helpers -------------------------------------------
  function el(tag, attrs, ...kids) {
    const e = document.createElement(tag);
    for (const [k, v] of Object.entries(attrs || {})) {
      if (v === undefined || v === null || v === false) continue;
      if (k === 'text') e.textContent = v;
      else if (k.startsWith('on')) e.addEventListener(k.slice(2), v);
      else e.setAttribute(k, v === true ? '' : v);
    }
    for (const k of kids.flat(Infinity)) {
      if (k === null || k === undefined) continue;
      e.append(k instanceof Node ? k : document.createTextNode(String(k)));
    }
    return e;
  }
  const int = (v) => Math.round(v).toLocaleString('en-US');
  const fix = (v, d) => Number(v).toFixed(d);
  const uj = (pj) => fix(pj / 1e6, 2);
  function bytes(b) {
    const units = ['B', 'KiB', 'MiB', 'GiB', 'TiB'];
    let u = 0;
    while (b >= 1024 && u < 4) { b /= 1024; ++u; }
    if (u === 0) return fix(b, 0) + ' B';
    return (b >= 10 ? fix(b, 0) : fix(b, 1)) + ' ' + units[u];
  }
  function macs(v) {
    if (v >= 1e9) return fix(v / 1e9, 2) + 'G';
    if (v >= 1e6) return fix(v / 1e6, 1) + 'M';
    if (v >= 1e3) return fix(v / 1e3, 1) + 'K';
    return fix(v, 0);
  }
  function note(level, text) { return el('div', { class: 'note ' + level, text }); }
  function section(id, title, ...kids) {
    return el('section', { id, class: 'block' }, el('h2', { text: title }), kids);
  }
  function panel(title, ...kids) {
    return el('div', { class: 'panel' }, el('h3', { text: title }), kids);
  }
  function kvTable(rows) {
    return el('table', { class: 'kv' }, el('tbody', {},
      rows.map(([k, v]) => el('tr', {}, el('td', { text: k }), el('td', {}, v)))));
  }

  // ---- sortable tables --------------------------------------------------
  // columns: {label, num, title}; rows: arrays of cells, each a value or
  // {v: sort key, t: text or node, cls}. Clicking a header sorts by it.
  function sortableTable(columns, rows, opts) {
    opts = opts || {};
    const tbody = el('tbody');
    const cell = (c) => (c !== null && typeof c === 'object' && 'v' in c) ? c : { v: c, t: c };
    const norm = rows.map((r) => ({ cells: r.cells.map(cell), cls: r.cls }));
    const ths = columns.map((c, i) => el('th', {
      class: 'sortable' + (c.num ? ' num' : ''), title: c.title || 'click to sort',
      onclick: () => sortBy(i)
    }, c.label));
    let state = { col: -1, dir: 1 };
    function fill() {
      tbody.replaceChildren(...norm.map((r) => el('tr', { class: r.cls },
        r.cells.map((c, i) => el('td', {
          class: [columns[i].num ? 'num' : '', columns[i].cls || '', c.cls || ''].join(' ').trim() || null,
          title: c.title
        }, c.t === undefined || c.t === null ? '' : c.t)))));
    }
    function sortBy(i) {
      state = { col: i, dir: state.col === i ? -state.dir : (columns[i].num ? -1 : 1) };
      const key = (r) => r.cells[i].v;
      norm.sort((a, b) => {
        const x = key(a), y = key(b);
        const xm = x === null || x === undefined || x === '', ym = y === null || y === undefined || y === '';
        if (xm || ym) return xm === ym ? 0 : (xm ? 1 : -1);  // blanks last
        return (x < y ? -1 : x > y ? 1 : 0) * state.dir;
      });
      ths.forEach((th, k) => th.setAttribute('aria-sort',
        k === i ? (state.dir > 0 ? 'ascending' : 'descending') : 'none'));
      fill();
    }
    fill();
    const table = el('table', { class: opts.cls }, el('thead', {}, el('tr', {}, ths)), tbody);
    return el('div', { class: 'table-wrap' + (opts.scroll ? ' scroll' : '') }, table);
  }

  // ---- charts -----------------------------------------------------------
  // Whether a chart shows its data: some data point with a value was laid
  // out at finite coordinates, and the plot area holds painted pixels.
  function chartDrawn(chart) {
    let elements = 0;
    chart.data.datasets.forEach((ds, i) => {
      const meta = chart.getDatasetMeta(i);
      if (meta.hidden || ds.reference) return;  // a roof is not data
      ds.data.forEach((v, j) => {
        const value = v !== null && typeof v === 'object' ? v.y : v, e = meta.data[j];
        if (Number.isFinite(value) && e && Number.isFinite(e.x) && Number.isFinite(e.y)) ++elements;
      });
    });
    const a = chart.chartArea;
    if (!elements || !a || a.right - a.left < 2 || a.bottom - a.top < 2) return false;
    const r = chart.currentDevicePixelRatio || 1;
    const px = chart.ctx.getImageData(a.left * r, a.top * r,
      (a.right - a.left) * r, (a.bottom - a.top) * r).data;
    for (let k = 3; k < px.length; k += 4) if (px[k] !== 0) return true;
    return false;
  }
  function countDrawn() {
    const ok = charts.filter((c) => chartDrawn(c));
    const failed = charts.filter((c) => !ok.includes(c)).map((c) => c.canvas.id);
    root.setAttribute('data-charts-expected', String(charts.length));
    root.setAttribute('data-charts-drawn', String(ok.length));
    root.setAttribute('data-charts-failed', failed.join(' '));
  }
  // A chart in a fresh container; `slot` keeps one chart per container
  // (re-drawing after a control changes replaces it).
  let chartId = 0;
  function dropChart(slot) {
    if (!slot.chart) return;
    charts.splice(charts.indexOf(slot.chart), 1);
    slot.chart.destroy();
    slot.chart = null;
  }
  // A slot whose dataflow costed nothing: a note instead of an empty chart.
  function noChart(slot, text) {
    dropChart(slot);
    slot.className = '';
    slot.replaceChildren(note('error', text));
    if (root.hasAttribute('data-report-ready')) countDrawn();
  }
  function makeChart(slot, config, tall) {
    dropChart(slot);
    const canvas = el('canvas', { id: slot.id || ('chart-' + (++chartId)), role: 'img',
      'aria-label': slot.getAttribute('data-title') || 'chart' });
    slot.id = slot.id || canvas.id + '-slot';
    slot.className = 'chart' + (tall ? ' tall' : '');
    slot.replaceChildren(canvas);
    slot.chart = new Chart(canvas, config);
    charts.push(slot.chart);
    if (root.hasAttribute('data-report-ready')) countDrawn();
    return slot.chart;
  }
  // A canvas sizes itself from its place in the page: the blocks queue
  // their charts here, and render() draws them once the page is built.
  const pending = [];
  const later = (fn) => pending.push(fn);
  const logAxis = (title) => ({ type: 'logarithmic', title: { display: true, text: title } });
  const linAxis = (title) => ({ type: 'linear', beginAtZero: true, title: { display: true, text: title } });

  // ---- the main job -----------------------------------------------------
  const hw = data.hardware || {};
  const pj = (v) => String(Number(Number(v).toPrecision(4)));
  // Label/value pairs in as many columns as the width allows.
  function pairs(rows) {
    return el('div', { class: 'pairs' }, rows.map(([k, v, wide]) =>
      el('div', { class: wide ? 'wide' : null }, el('span', { class: 'k', text: k }), ' ', el('span', {}, v))));
  }
  function hardwareBlock() {
    const e = hw.energy || {};
    return section('hardware', 'Hardware: ' + hw.name, pairs([
      ['PEs', int(hw.num_pes) + (hw.simd_lanes > 1 ? ' x ' + hw.simd_lanes + ' SIMD lanes' : '')],
      ['peak', int(hw.peak_macs_per_cycle) + ' MACs/cycle'],
      ['clock', fix(hw.clock_ghz, 2) + ' GHz'],
      ['L1 per PE', bytes(hw.l1_bytes)],
      ['L2 (shared)', bytes(hw.l2_bytes)],
      ['element', hw.bytes_per_element + ' B'],
      ['NoC', int(hw.noc_bw) + ' elements/cycle, latency ' + hw.noc_latency],
      ['off-chip', int(hw.offchip_bw) + ' elements/cycle'],
      ['energy, pJ', 'MAC ' + pj(e.mac_pj) + ', L1 ' + pj(e.l1_read_pj) + '/' + pj(e.l1_write_pj) +
        ', L2 ' + pj(e.l2_read_pj) + '/' + pj(e.l2_write_pj) + ' (read/write), NoC ' + pj(e.noc_pj) +
        ', DRAM ' + pj(e.dram_pj) + ' per element', true]
    ]));
  }

  // The value of each dataflow relative to the best ranked one (1 = best).
  function comparisonRows(m) {
    const rows = m.dataflows.map((d) => ({ name: d.name, t: d.totals, ranked: d.ranked, isBest: false }));
    if (m.best) rows.push({ name: 'per-layer best', t: m.best.totals, ranked: false, isBest: true });
    return rows;
  }
  // The rows a column's best is taken from: the ranked dataflows, or when
  // none is ranked, the dataflows that cost the most layers.
  function bestPool(rows) {
    const pool = rows.filter((r) => r.ranked && r.t.layers_costed > 0);
    if (pool.length) return pool;
    const most = Math.max(...rows.filter((r) => !r.isBest).map((r) => r.t.layers_costed));
    return rows.filter((r) => !r.isBest && r.t.layers_costed === most && most > 0);
  }
  function bestOf(rows, key, lower) {
    const pool = bestPool(rows);
    const vals = pool.map((r) => r.t[key]);
    return vals.length ? (lower ? Math.min(...vals) : Math.max(...vals)) : NaN;
  }
  function rowFlags(r) {
    const t = r.t, f = [];
    if (r.isBest) {
      if (t.partial) f.push(t.layers - t.layers_costed + ' not costed by any dataflow');
      return f;
    }
    if (t.layers_costed === 0) f.push('no layer costed');
    else if (t.partial) f.push('PARTIAL: ' + t.layers_costed + ' of ' + t.layers + ' layers');
    if (t.layers_over_l1) f.push('L1 overflow in ' + t.layers_over_l1);
    if (t.layers_over_l2) f.push('L2 overflow in ' + t.layers_over_l2);
    if (t.layers_approximate) f.push(t.layers_approximate + ' approx');
    if (!r.ranked && !f.length) f.push('not ranked: costs fewer layers than another');
    return f;
  }
  function label(r) { return r.name + (!r.isBest && !r.ranked ? ' (not ranked)' : ''); }

  function comparisonTable(m) {
    const rows = comparisonRows(m);
    const best = { cycles: bestOf(rows, 'cycles', true), energy_pj: bestOf(rows, 'energy_pj', true),
      util: bestOf(rows, 'util', false), peak_l1_bytes: bestOf(rows, 'peak_l1_bytes', true),
      peak_l2_bytes: bestOf(rows, 'peak_l2_bytes', true) };
    const star = (r, key, text, over) => ({
      v: r.t[key], cls: over ? 'over' : null,
      t: el('span', {}, text, over ? '!' : '', r.ranked && r.t[key] === best[key] ? el('span', { class: 'star', text: '*' }) : null)
    });
    const cols = [{ label: 'dataflow' }, { label: 'cycles', num: true }, { label: 'ms', num: true },
      { label: 'energy uJ', num: true }, { label: 'util %', num: true }, { label: 'peak L1/PE', num: true },
      { label: 'peak L2', num: true }, { label: 'MACs/cycle', num: true }, { label: 'note', cls: 'wrap' }];
    const body = rows.map((r) => {
      const t = r.t, flags = rowFlags(r);
      if (t.layers_costed === 0) {
        return { cells: [r.name, null, null, null, null, null, null, null, { v: '', t: flags.join('; '), cls: 'bad' }] };
      }
      return {
        cls: r.isBest ? 'best' : null,
        cells: [r.name, star(r, 'cycles', int(t.cycles)), { v: t.ms, t: fix(t.ms, 3) },
          star(r, 'energy_pj', uj(t.energy_pj)), star(r, 'util', fix(100 * t.util, 1)),
          star(r, 'peak_l1_bytes', bytes(t.peak_l1_bytes), t.layers_over_l1 > 0),
          star(r, 'peak_l2_bytes', bytes(t.peak_l2_bytes), t.layers_over_l2 > 0),
          { v: t.macs_per_cycle, t: fix(t.macs_per_cycle, 1) },
          { v: flags.join('; '), t: flags.join('; '), cls: flags.length && !r.isBest ? 'bad' : null }]
      };
    });
    return el('div', {}, sortableTable(cols, body),
      el('p', { class: 'caption', text: '* = best of column among the dataflows that cost every layer any ' +
        'dataflow costs and fit the buffers; ! = larger than the hardware\'s buffer. "per-layer best" is ' +
        'a reconfigurable accelerator choosing the best fitting dataflow for each layer (a bound, not ranked).' }));
  }

  function comparisonChart(m, slot) {
    const rows = comparisonRows(m).filter((r) => r.t.layers_costed > 0);
    const metric = (key, lower, name, color) => {
      const b = bestOf(comparisonRows(m), key, lower);
      return { label: name, backgroundColor: color,
        data: rows.map((r) => r.t[key] / b), raw: rows.map((r) => r.t[key]) };
    };
    const sets = [metric('cycles', true, 'latency (cycles / best)', COLORS.series[0]),
      metric('energy_pj', true, 'energy (uJ / best)', COLORS.series[1]),
      metric('util', false, 'utilisation (util / best)', COLORS.series[2])];
    if (!comparisonRows(m).some((r) => r.ranked)) {
      slot.before(note('error', 'No dataflow is ranked (each is partial or overflows the buffers): ' +
        'relative to the best of those that cost the most layers.'));
    }
    makeChart(slot, {
      type: 'bar',
      data: { labels: rows.map(label), datasets: sets },
      options: {
        scales: { y: linAxis('relative to the best ranked dataflow (1 = best)') },
        plugins: {
          tooltip: { callbacks: { label: (c) => c.dataset.label + ': ' + fix(c.raw, 3) + 'x' } },
          annotationLine: { y: 1 }
        }
      },
      plugins: [refLine]
    });
  }
  // A dashed line at y = options.plugins.annotationLine.y.
  const refLine = {
    id: 'annotationLine',
    afterDatasetsDraw(chart, args, opts) {
      if (!opts || opts.y === undefined) return;
      const y = chart.scales.y.getPixelForValue(opts.y), a = chart.chartArea, ctx = chart.ctx;
      ctx.save(); ctx.setLineDash([5, 4]); ctx.strokeStyle = '#333'; ctx.lineWidth = 1;
      ctx.beginPath(); ctx.moveTo(a.left, y); ctx.lineTo(a.right, y); ctx.stroke(); ctx.restore();
    }
  };

  function energyChart(m, slot) {
    const rows = comparisonRows(m).filter((r) => r.t.layers_costed > 0);
    makeChart(slot, {
      type: 'bar',
      data: {
        labels: rows.map(label),
        datasets: PARTS.map((p, k) => ({ label: p, backgroundColor: COLORS.parts[k],
          data: rows.map((r) => r.t.energy_parts_pj[k] / 1e6) }))
      },
      options: {
        scales: { x: { stacked: true }, y: Object.assign(linAxis('energy (uJ)'), { stacked: true }) },
        plugins: { tooltip: { callbacks: { label: (c) => {
          const total = rows[c.dataIndex].t.energy_pj / 1e6;
          return c.dataset.label + ': ' + fix(c.raw, 2) + ' uJ (' + fix(100 * c.raw / total, 1) + ' %)';
        } } } }
      }
    });
  }

  // Per layer under one dataflow: cycles, one dataset per bound so that
  // the legend names the colours.
  function perLayerChart(m, d, slot, log) {
    const run = m.dataflows[d];
    if (!run.totals.layers_costed) return noChart(slot, run.name + ': no layer costed (' + run.totals.first_not_costed + ')');
    const labels = m.layers.map((l, i) => String(i + 1));
    const sets = BOUNDS.map((b) => ({
      label: b + '-bound', backgroundColor: COLORS[b],
      data: run.layers.map((f) => (f.error || f.bound !== b) ? null : f.cycles)
    }));
    makeChart(slot, {
      type: 'bar',
      data: { labels, datasets: sets },
      options: {
        scales: { x: { stacked: true, title: { display: true, text: 'layer #' } },
          y: Object.assign(log ? logAxis('cycles (log)') : linAxis('cycles'), { stacked: !log }) },
        plugins: { tooltip: { callbacks: {
          title: (items) => { const i = items[0].dataIndex; return (i + 1) + '. ' + m.layers[i].name; },
          label: (c) => {
            const f = run.layers[c.dataIndex], l = m.layers[c.dataIndex];
            return [l.shape, int(f.cycles) + ' cycles, ' + f.bound + '-bound',
              'util ' + fix(100 * f.util, 1) + ' %, ' + uj(f.energy_pj) + ' uJ' + (f.approx ? ', approx' : '')];
          } } } }
      }
    }, true);
  }

  function layerTable(m, d) {
    const run = m.dataflows[d], total = run.totals.cycles || 1;
    const cols = [{ label: '#', num: true }, { label: 'layer', cls: 'name' }, { label: 'op' },
      { label: 'shape', cls: 'mono' }, { label: 'MACs', num: true }, { label: 'cycles', num: true },
      { label: '% cycles', num: true }, { label: 'util %', num: true }, { label: 'energy uJ', num: true },
      { label: 'L1/PE', num: true }, { label: 'L2', num: true }, { label: 'bound' }, { label: 'note', cls: 'wrap' }];
    const rows = m.layers.map((l, i) => {
      const f = run.layers[i];
      const name = { v: l.name, t: l.name + (l.part ? ' [' + l.part + ']' : ''), title: l.node };
      const head = [{ v: i + 1, t: i + 1 }, name, l.op, l.shape, { v: l.macs, t: macs(l.macs) }];
      if (f.error) {
        return { cells: head.concat([null, null, null, null, null, null, null,
          { v: 'not costed', t: 'not costed: ' + f.error, cls: 'bad' }]) };
      }
      const notes = [];
      if (f.approx) notes.push(el('span', { class: 'tag approx', text: 'approx', title: f.approx }));
      if (f.warnings) notes.push(f.warnings.join('; '));
      return { cells: head.concat([
        { v: f.cycles, t: int(f.cycles) }, { v: f.cycles / total, t: fix(100 * f.cycles / total, 1) },
        { v: f.util, t: fix(100 * f.util, 0) }, { v: f.energy_pj, t: uj(f.energy_pj) },
        { v: f.l1_bytes, t: bytes(f.l1_bytes) + (f.fits_l1 ? '' : '!'), cls: f.fits_l1 ? null : 'over' },
        { v: f.l2_bytes, t: bytes(f.l2_bytes) + (f.fits_l2 ? '' : '!'), cls: f.fits_l2 ? null : 'over' },
        { v: f.bound, t: el('span', { class: 'tag ' + f.bound, text: f.bound }) },
        { v: f.approx ? 'approx' : '', t: el('span', {}, notes) }]) };
    });
    for (const u of m.coverage.not_costed) {
      rows.push({ cells: [null, { v: u.node, t: u.node }, u.op, null,
        { v: u.macs, t: u.macs === undefined ? '?' : macs(u.macs) }, null, null, null, null, null, null, null,
        { v: 'not costed', t: 'not costed by any dataflow: ' + u.reason, cls: 'bad' }] });
    }
    return el('div', {}, sortableTable(cols, rows, { scroll: true }),
      el('p', { class: 'caption', text: 'MACs, cycles and energy include the repeat count; L1/L2: the ' +
        'mapping\'s buffer need, ! = larger than the hardware\'s; bound: what decides most cycles ' +
        '(compute, NoC bandwidth, or MAESTRO\'s off-chip floor); approx = exact semantics fell back to ' +
        'MAESTRO\'s case rules. Click a header to sort.' }));
  }

  function perLayerBlock(m) {
    const slot = el('div', { 'data-title': 'per-layer cycles' });
    const tableSlot = el('div');
    let d = 0, log = false;
    const redraw = () => { perLayerChart(m, d, slot, log); tableSlot.replaceChildren(layerTable(m, d)); };
    const controls = el('div', { class: 'controls' },
      m.dataflows.length > 1 ? el('label', {}, 'dataflow ', el('select', {
        onchange: (e) => { d = Number(e.target.value); redraw(); }
      }, m.dataflows.map((x, k) => el('option', { value: k, text: x.name })))) : null,
      el('label', {}, el('input', { type: 'checkbox', onchange: (e) => { log = e.target.checked; perLayerChart(m, d, slot, log); } }),
        ' log scale'));
    const title = 'Per-layer cycles, coloured by what bounds each layer' +
      (m.dataflows.length === 1 ? ' (' + m.dataflows[0].name + ')' : '');
    const block = el('div', {}, el('h3', { text: title }), controls, slot, tableSlot);
    later(redraw);
    return block;
  }

  // Rooflines: achieved MACs/cycle against MACs per element moved, with
  // the PE roof and the bandwidth roof of the chosen traffic.
  function rooflineChart(m, d, slot, kind) {
    const run = m.dataflows[d];
    if (!run.totals.layers_costed) return noChart(slot, run.name + ': no layer costed (' + run.totals.first_not_costed + ')');
    const key = kind === 'noc' ? 'intensity_noc' : 'intensity_offchip';
    const bw = kind === 'noc' ? hw.noc_bw : hw.offchip_bw;
    const peak = hw.peak_macs_per_cycle;
    const pts = run.layers.map((f, i) => ({ f, i })).filter((p) => !p.f.error && p.f[key] > 0 && p.f.macs_per_cycle > 0);
    const xs = pts.map((p) => p.f[key]);
    const ridge = peak / bw;
    const lo = Math.min(ridge, ...xs) / 2, hi = Math.max(ridge, ...xs) * 2;
    const sets = BOUNDS.map((b) => ({
      type: 'scatter', label: b + '-bound', backgroundColor: COLORS[b], pointRadius: 3.5,
      data: pts.filter((p) => p.f.bound === b).map((p) => ({ x: p.f[key], y: p.f.macs_per_cycle, i: p.i }))
    }));
    sets.push({ type: 'line', label: 'roof: min(' + int(peak) + ' MACs/cycle, ' + int(bw) +
      ' el/cycle x intensity)', reference: true, borderColor: '#222', borderWidth: 1.5, pointRadius: 0, fill: false,
    data: [{ x: lo, y: bw * lo }, { x: ridge, y: peak }, { x: hi, y: peak }].map((p) => ({ x: p.x, y: Math.min(p.y, peak) })) });
    makeChart(slot, {
      type: 'scatter',
      data: { datasets: sets },
      options: {
        scales: {
          x: logAxis(kind === 'noc' ? 'MACs per element L2 -> PEs (NoC)' : 'MACs per element DRAM <-> L2 (modelled)'),
          y: logAxis('achieved MACs/cycle')
        },
        plugins: { legend: { labels: { boxWidth: 10 } }, tooltip: { callbacks: { label: (c) => {
          if (c.raw.i === undefined) return c.dataset.label;
          const l = m.layers[c.raw.i];
          return (c.raw.i + 1) + '. ' + l.name + ': ' + fix(c.raw.x, 1) + ' MACs/el, ' + fix(c.raw.y, 1) + ' MACs/cycle';
        } } } }
      }
    });
  }

  function rooflineBlock(m, mi) {
    let kind = 'noc';
    const slots = m.dataflows.map((x) => el('div', { 'data-title': 'roofline ' + x.name }));
    const redraw = () => slots.forEach((s, d) => rooflineChart(m, d, s, kind));
    const controls = el('div', { class: 'controls' }, 'intensity: ',
      ['noc', 'offchip'].map((k) => el('label', {}, el('input', {
        type: 'radio', name: 'roof-' + mi, value: k, checked: k === kind,
        onchange: () => { kind = k; redraw(); }
      }), k === 'noc' ? ' per element over the NoC (L2 to PEs)' : ' per element off-chip (DRAM to L2, as modelled)')));
    const grid = el('div', { class: 'grid two' },
      m.dataflows.map((x, d) => panel('Roofline: ' + x.name, slots[d])));
    later(redraw);
    return el('div', {}, el('h3', { text: 'Rooflines' }), controls, grid,
      el('p', { class: 'caption', text: 'Each point is a layer: its MACs per element moved (x) against the ' +
        'MACs per cycle it achieves (y). The roof is the PE array\'s peak and the bandwidth times the ' +
        'intensity; a layer far below both roofs loses its cycles elsewhere (e.g. the NoC view of an ' +
        'offchip-bound layer). NoC multicast can put a point above the NoC roof; the off-chip floor ' +
        'overlaps fills and drains, so a point can sit up to 2x above the off-chip roof (docs/report.md).' }));
  }

  // Layers x dataflows: cycles relative to the per-layer best's choice.
  function heatColor(ratio) {
    if (!(ratio > 0)) return '#eeeeee';
    const t = Math.max(0, Math.min(1, Math.log(ratio) / Math.log(8)));  // 1x .. 8x
    return 'hsl(' + fix(120 * (1 - t), 0) + ', 65%, ' + fix(82 - 10 * t, 0) + '%)';
  }
  function heatMap(m) {
    const bi = m.best.dataflow_index;
    const cols = [{ label: '#', num: true }, { label: 'layer', cls: 'name' }, { label: 'shape', cls: 'mono' },
      { label: 'best' }].concat(m.dataflows.map((d) => ({ label: d.name, num: true })));
    const rows = m.layers.map((l, i) => {
      const ref = bi[i] >= 0 ? m.dataflows[bi[i]].layers[i].cycles : NaN;
      return { cells: [{ v: i + 1, t: i + 1 }, { v: l.name, t: l.name, title: l.node }, l.shape,
        bi[i] >= 0 ? m.dataflows[bi[i]].name : { v: '', t: 'none', cls: 'bad' }].concat(m.dataflows.map((d) => {
        const f = d.layers[i];
        if (f.error) return { v: null, t: '-', title: f.error };
        const ratio = f.cycles / ref, over = !f.fits_l1 || !f.fits_l2;
        const td = { v: ratio, t: fix(ratio, 2) + (over ? '!' : ''), title: int(f.cycles) + ' cycles' };
        td.cls = 'cell';
        return td;
      })) };
    });
    const wrap = sortableTable(cols, rows, { cls: 'heat', scroll: true });
    paintHeat(wrap);
    return el('div', {}, el('h3', { text: 'Cycles of each layer relative to the per-layer best (1.00 = best)' }), wrap,
      el('p', { class: 'caption', text: 'Green: as fast as the best fitting dataflow for that layer; red: 8x or ' +
        'more slower; ! = the mapping does not fit the buffers (such a cell may be below 1); - = not costed. ' +
        'Sort by a dataflow\'s column to see where it loses.' }));
  }
  // Heat cells keep their colour through re-sorting: recoloured from the
  // cell's value after every fill.
  function paintHeat(wrap) {
    const paint = () => wrap.querySelectorAll('td.cell').forEach((td) => {
      const v = parseFloat(td.textContent);
      td.style.background = Number.isFinite(v) ? heatColor(v) : '#eeeeee';
      if (td.textContent.endsWith('!')) td.classList.add('over');
    });
    new MutationObserver(paint).observe(wrap.querySelector('tbody'), { childList: true });
    paint();
  }

  function bestTable(m) {
    const bi = m.best.dataflow_index;
    const cols = [{ label: '#', num: true }, { label: 'layer', cls: 'name' }, { label: 'shape', cls: 'mono' },
      { label: 'best' }, { label: 'cycles', num: true }, { label: 'worst', num: true }, { label: 'worst / best', num: true }];
    const rows = m.layers.map((l, i) => {
      if (bi[i] < 0) return { cells: [{ v: i + 1, t: i + 1 }, l.name, l.shape, { v: '', t: 'not costed by any dataflow', cls: 'bad' }, null, null, null] };
      const f = m.dataflows[bi[i]].layers[i];
      const worst = Math.max(...m.dataflows.map((d) => d.layers[i].error ? 0 : d.layers[i].cycles));
      return { cells: [{ v: i + 1, t: i + 1 }, { v: l.name, t: l.name, title: l.node }, l.shape,
        m.dataflows[bi[i]].name + (f.fits_l1 && f.fits_l2 ? '' : ' (overflows)'),
        { v: f.cycles, t: int(f.cycles) }, { v: worst, t: int(worst) }, { v: worst / f.cycles, t: fix(worst / f.cycles, 2) + 'x' }] };
    });
    const wins = m.dataflows.map((d, k) => [d.name, bi.filter((x) => x === k).length]).filter((w) => w[1] > 0);
    return el('div', {}, el('h3', { text: 'Per-layer best (a reconfigurable accelerator choosing per layer, fitting buffers first)' }),
      el('p', { text: 'Layers won: ' + wins.map((w) => w[0] + ' ' + w[1]).join(', ') }),
      sortableTable(cols, rows, { scroll: true }));
  }

  function totalsTable(t) {
    const parts = t.energy_parts_pj.map((v, k) => PARTS[k] + ' ' + fix(100 * v / (t.energy_pj || 1), 0) + '%').join(', ');
    return kvTable([
      ['latency', int(t.cycles) + ' cycles = ' + fix(t.ms, 3) + ' ms at ' + fix(hw.clock_ghz, 2) + ' GHz'],
      ['energy', uj(t.energy_pj) + ' uJ (' + parts + ')'],
      ['MACs', int(t.macs)],
      ['utilisation', fix(100 * t.util, 1) + ' %'],
      ['throughput', fix(t.macs_per_cycle, 1) + ' MACs/cycle'],
      ['peak L1 need', bytes(t.peak_l1_bytes) + ' per PE (hardware ' + bytes(hw.l1_bytes) + ')' +
        (t.layers_over_l1 ? ': DOES NOT FIT in ' + t.layers_over_l1 + ' layers' : '')],
      ['peak L2 need', bytes(t.peak_l2_bytes) + ' (hardware ' + bytes(hw.l2_bytes) + ')' +
        (t.layers_over_l2 ? ': DOES NOT FIT in ' + t.layers_over_l2 + ' layers' : '')],
      ['off-chip', bytes(t.offchip_modelled_bytes) + ' modelled, ' + bytes(t.offchip_min_bytes) +
        ' minimum; ' + t.layers_offchip_bound + ' of ' + t.layers_costed + ' layers offchip-bound']
    ]);
  }

  function coverageBlock(m) {
    const c = m.coverage, v = c.verdicts || {};
    const kids = [el('p', { text: m.layers.length + ' MAESTRO layers from ' + c.nodes + ' nodes; ' +
      Object.entries(v).map(([k, n]) => n + ' ' + k).join(', ') + '. `maestro-onnx layers ' + m.file +
      '` lists every node and its verdict.' })];
    if (c.not_supported.length) {
      kids.push(sortableTable([{ label: 'node (not supported)' }, { label: 'op' }, { label: 'MACs (estimate)', num: true }, { label: 'reason', cls: 'wrap' }],
        c.not_supported.map((u) => ({ cells: [u.node, u.op, { v: u.macs_estimate, t: u.macs_estimate === undefined ? '' : macs(u.macs_estimate) }, u.reason] }))));
    }
    if (c.not_costed.length) {
      kids.push(note('error', c.not_costed.length + ' MAC-bearing nodes are not costed by any dataflow; every total leaves them out.'));
    }
    return el('div', {}, el('h3', { text: 'Coverage' }), kids);
  }

  function modelBlock(m, mi) {
    const id = 'model-' + mi;
    const several = m.dataflows.length > 1;
    const totalMacs = m.layers.reduce((s, l) => s + l.macs, 0);
    const kids = [el('p', { class: 'sub', text: m.file + ': ' + m.layers.length + ' MAESTRO layers, ' +
      int(totalMacs) + ' MACs; ' + (m.producer ? 'producer ' + m.producer + ', ' : '') + 'opset ' + m.opset +
      '; dataflows ' + m.dataflows.map((d) => d.name).join(', ') })];
    const loud = m.notes.filter((n) => n.level !== 'info');
    kids.push(loud.map((n) => note(n.level, n.text)));
    if (several) {
      const cmp = el('div', { 'data-title': 'dataflow comparison' });
      const en = el('div', { 'data-title': 'energy breakdown' });
      kids.push(el('h3', { text: 'Dataflow comparison' }), comparisonTable(m),
        el('div', { class: 'grid two' }, panel('Latency, energy, utilisation relative to the best', cmp),
          panel('Energy breakdown per dataflow', en)));
      later(() => comparisonChart(m, cmp));
      later(() => energyChart(m, en));
    } else {
      const en = el('div', { 'data-title': 'energy breakdown' });
      kids.push(el('div', { class: 'grid two' }, panel('Network totals (' + m.dataflows[0].name + ')', totalsTable(m.dataflows[0].totals)),
        panel('Energy breakdown', en)));
      later(() => energyChart(m, en));
    }
    kids.push(perLayerBlock(m), rooflineBlock(m, mi));
    if (several) kids.push(heatMap(m), bestTable(m));
    kids.push(coverageBlock(m));
    const info = m.notes.filter((n) => n.level === 'info');
    if (info.length) kids.push(el('h3', { text: 'Notes' }), info.map((n) => note('info', n.text)));
    return el('section', { id, class: 'model' }, el('h2', { text: 'Model ' + m.name }), kids);
  }

  function renderNetwork() {
    const names = data.models.map((m) => m.name);
    document.title = 'maestro-onnx: ' + names.join(', ');
    main.append(el('h1', { text: 'maestro-onnx report: ' + names.join(', ') }),
      el('p', { class: 'sub', text: 'hardware ' + hw.name + ', ' + data.semantics + ' semantics' }));
    const loud = [];
    data.models.forEach((m) => m.notes.filter((n) => n.level === 'error').forEach((n) => loud.push(m.name + ': ' + n.text)));
    if (loud.length) main.append(note('error', loud.length + ' problem(s) below: results partial or buffers overflow (see each model).'));
    main.append(el('nav', { class: 'toc' }, el('a', { href: '#hardware', text: 'hardware' }),
      data.models.map((m, i) => el('a', { href: '#model-' + i, text: m.name }))));
    main.append(hardwareBlock());
    if (data.models.length > 1) main.append(modelsSummary());
    data.models.forEach((m, i) => main.append(modelBlock(m, i)));
  }

  // Several models: per model its fastest ranked dataflow.
  function modelsSummary() {
    const cols = [{ label: 'model' }, { label: 'MAESTRO layers', num: true }, { label: 'MACs', num: true },
      { label: 'fastest ranked dataflow' }, { label: 'cycles', num: true }, { label: 'ms', num: true },
      { label: 'energy uJ', num: true }, { label: 'problems', cls: 'wrap' }];
    const rows = data.models.map((m, i) => {
      const pool = m.dataflows.filter((d) => d.ranked && d.totals.layers_costed > 0);
      const best = pool.reduce((b, d) => (!b || d.totals.cycles < b.totals.cycles ? d : b), null);
      const problems = m.notes.filter((n) => n.level === 'error').length;
      const link = el('a', { href: '#model-' + i, text: m.name });
      const total = m.layers.reduce((s, l) => s + l.macs, 0);
      return { cells: [{ v: m.name, t: link }, m.layers.length, { v: total, t: macs(total) },
        best ? best.name : { v: '', t: 'none ranked', cls: 'bad' },
        { v: best ? best.totals.cycles : null, t: best ? int(best.totals.cycles) : '' },
        { v: best ? best.totals.ms : null, t: best ? fix(best.totals.ms, 3) : '' },
        { v: best ? best.totals.energy_pj : null, t: best ? uj(best.totals.energy_pj) : '' },
        { v: problems, t: problems ? problems + ' (partial or overflow, see the model)' : '', cls: problems ? 'bad' : null }] };
    });
    return section('models', 'Models', sortableTable(cols, rows));
  }

  // ---- search -----------------------------------------------------------
  function renderSearch() {
    const c = data.config, t = data.totals;
    document.title = 'maestro-onnx search: ' + data.network;
    main.append(el('h1', { text: 'maestro-onnx search: ' + data.network }),
      el('p', { class: 'sub', text: data.layers.length + ' unique layers searched; strategy ' + c.strategy +
        ', objective ' + c.objective + ', budget ' + c.budget + ' per layer, seed ' + c.seed + ', ' + c.semantics +
        ' semantics, ' + c.levels + ' levels, tiles ' + c.tiles }));
    searchNotes().forEach((n) => main.append(n));
    const gain = (a) => (t.runtime_cycles > 0 ? fix(a / t.runtime_cycles, 2) + 'x' : '-');
    main.append(section('hardware', 'Hardware: ' + hw.name, pairs([
      ['PEs', int(hw.num_pes) + (hw.simd_lanes > 1 ? ' x ' + hw.simd_lanes + ' SIMD lanes' : '')],
      ['L1 per PE', int(hw.l1_size) + ' elements'], ['L2', int(hw.l2_size) + ' elements'],
      ['NoC', int(hw.noc_bw) + ' elements/cycle'], ['off-chip', int(hw.offchip_bw) + ' elements/cycle']])));
    main.append(section('totals', 'Network totals (cycles x instances)', kvTable([
      ['lower bound', int(t.lower_bound_cycles) + ' cycles'],
      ['found', int(t.runtime_cycles) + ' cycles, ' + uj(t.energy_pj) + ' uJ'],
      ['per-layer best library', int(t.per_layer_library_runtime_cycles) + ' cycles, ' +
        uj(t.per_layer_library_energy_pj) + ' uJ; gain ' + gain(t.per_layer_library_runtime_cycles)],
      ['best single library', t.best_single_library ? t.best_single_library + ': ' +
        int(t.best_single_library_runtime_cycles) + ' cycles, ' + uj(t.best_single_library_energy_pj) +
        ' uJ; gain ' + gain(t.best_single_library_runtime_cycles) : 'no library dataflow fits every layer'],
      ['evaluations', int(data.evals) + ' candidates, ' + int(data.engine_evals) + ' engine evaluations']])));
    const bars = el('div', { 'data-title': 'per-layer search result' });
    const conv = el('div', { 'data-title': 'search convergence' });
    main.append(el('div', { class: 'grid two' }, panel('Per layer: lower bound, library best, found', bars),
      panel('Convergence: best cycles so far / final, per layer', conv)));
    later(() => searchBars(bars));
    later(() => convergenceChart(conv));
    main.append(section('layers', 'Searched layers', searchTable()));
  }

  function searchNotes() {
    const out = [];
    for (const s of data.skipped || []) out.push(note('warn', 'not searched: ' + s.name + ': ' + s.reason + ' (excluded from the totals)'));
    for (const l of data.layers) {
      if (l.best.standing !== 'feasible') out.push(note('error', l.name + ': no mapping fits this hardware\'s buffers; the least-violating one is shown'));
      if (l.best.semantics_differ) out.push(note('warn', l.name + ': under exact semantics this mapping takes ' + int(l.best.exact_runtime_cycles) + ' cycles'));
      if (l.stopped_early) out.push(note('warn', l.name + ': the search was interrupted; the best found so far is shown'));
      if (l.note) out.push(note('info', l.name + ': ' + l.note));
    }
    return out;
  }

  function searchBars(slot) {
    const ls = data.layers;
    const set = (label, color, f) => ({ label, backgroundColor: color, data: ls.map(f) });
    makeChart(slot, {
      type: 'bar',
      data: { labels: ls.map((l, i) => String(i + 1)), datasets: [
        set('lower bound', '#9aa3ad', (l) => l.lower_bound_cycles),
        set('library best', COLORS.series[1], (l) => l.library_best ? l.library_best.runtime_cycles : null),
        set('found', COLORS.series[0], (l) => l.best.runtime_cycles)] },
      options: { scales: { x: { title: { display: true, text: 'unique layer #' } }, y: logAxis('cycles per instance (log)') },
        plugins: { tooltip: { callbacks: { title: (it) => ls[it[0].dataIndex].name } } } }
    }, true);
  }

  function convergenceChart(slot) {
    const sets = data.layers.map((l, k) => {
      const last = l.convergence.length ? l.convergence[l.convergence.length - 1][1] : 1;
      return { label: (k + 1) + '. ' + l.name, borderColor: COLORS.series[k % COLORS.series.length],
        borderWidth: 1.5, pointRadius: 0, fill: false, stepped: true,
        data: l.convergence.filter((p) => p[1] > 0).map((p) => ({ x: p[0], y: p[1] / last })) };
    });
    makeChart(slot, {
      type: 'line',
      data: { datasets: sets },
      options: { parsing: false,
        scales: { x: Object.assign(logAxis('evaluations (log)'), {}), y: logAxis('best cycles / final best (log)') },
        plugins: { legend: { display: sets.length <= 12, labels: { boxWidth: 10 } } } }
    }, true);
  }

  function searchTable() {
    const cols = [{ label: '#', num: true }, { label: 'layer', cls: 'name' }, { label: 'shape', cls: 'mono' },
      { label: 'n', num: true }, { label: 'MACs', num: true }, { label: 'lower bound', num: true }, { label: 'library' },
      { label: 'lib cycles', num: true }, { label: 'found', num: true }, { label: 'gain', num: true },
      { label: '/LB', num: true }, { label: 'evals', num: true }, { label: 'source' }];
    const rows = data.layers.map((l, i) => {
      const lib = l.library_best, rt = l.best.runtime_cycles;
      return { cells: [{ v: i + 1, t: i + 1 }, l.name, l.shape || '', l.instances, { v: l.macs, t: macs(l.macs) },
        { v: l.lower_bound_cycles, t: int(l.lower_bound_cycles) }, lib ? lib.dataflow : '-',
        { v: lib ? lib.runtime_cycles : null, t: lib ? int(lib.runtime_cycles) : '-' }, { v: rt, t: int(rt), cls: l.best.standing === 'feasible' ? null : 'over' },
        { v: lib && rt ? lib.runtime_cycles / rt : null, t: lib && rt ? fix(lib.runtime_cycles / rt, 2) + 'x' : '-' },
        { v: rt / l.lower_bound_cycles, t: fix(rt / l.lower_bound_cycles, 3) }, { v: l.evals, t: int(l.evals) }, l.best.source] };
    });
    return sortableTable(cols, rows, { scroll: true });
  }

  // ---- entry ------------------------------------------------------------
  function render() {
    if (data.kind === 'search') renderSearch(); else renderNetwork();
    pending.forEach((fn) => fn());
    main.append(el('footer', { text: 'Written by maestro-onnx; charts by ' + 'Chart.js ' + Chart.version +
      ' (Debian libjs-chart.js), inlined: this file needs no network.' }));
    window.addEventListener('beforeprint', () => charts.forEach((c) => c.resize()));
    countDrawn();
    root.setAttribute('data-report-ready', '1');
  }
  render();
})();
