// Drawing results on canvases: forecast chart, boxes over an image, attention heat map, probability bars.
const PALETTE = ["#e6194b", "#0082c8", "#ffe119", "#3cb44b", "#f58230", "#911eb4", "#46f0f0", "#f032e6"];

function plotSeries(ctx, pts, fc, X, Y, width) {
  // One series on its axes (X, Y: date and units to pixels): the forecast's band, the history, the forecast.
  if (fc.length) {
    ctx.fillStyle = "rgba(31,111,235,0.18)"; ctx.beginPath();
    fc.forEach((r, i) => (i ? ctx.lineTo : ctx.moveTo).call(ctx, X(Date.parse(r.date)), Y(r.upper)));
    [...fc].reverse().forEach((r) => ctx.lineTo(X(Date.parse(r.date)), Y(r.lower)));
    ctx.closePath(); ctx.fill();
  }
  const line = (points, colour) => {
    ctx.strokeStyle = colour; ctx.lineWidth = width; ctx.beginPath();
    points.forEach(([t, v], i) => (i ? ctx.lineTo : ctx.moveTo).call(ctx, X(t), Y(v))); ctx.stroke();
  };
  line(pts, "#1d2330");
  line(fc.map((r) => [Date.parse(r.date), r.forecast]), "#1f6feb");
}

function drawForecast(canvas, data) {
  const ctx = canvas.getContext("2d"), W = canvas.width, H = canvas.height, pad = 40;
  ctx.clearRect(0, 0, W, H);
  const pts = data.history.map((p) => [Date.parse(p.date), p.value]);
  const fc = data.forecast.filter((r) => r.open);
  const xs = pts.map((p) => p[0]).concat(fc.map((r) => Date.parse(r.date)));
  const ys = pts.map((p) => p[1]).concat(fc.flatMap((r) => [r.lower, r.upper]));
  const x0 = Math.min(...xs), x1 = Math.max(...xs), y0 = Math.min(0, ...ys), y1 = Math.max(...ys) * 1.05 || 1;
  const X = (t) => pad + ((t - x0) / (x1 - x0 || 1)) * (W - 2 * pad);
  const Y = (v) => H - pad - ((v - y0) / (y1 - y0 || 1)) * (H - 2 * pad);
  ctx.strokeStyle = "#ccd"; ctx.fillStyle = "#5b6475"; ctx.font = "12px sans-serif";
  for (let i = 0; i <= 4; i++) {
    const v = y0 + ((y1 - y0) * i) / 4;
    ctx.beginPath(); ctx.moveTo(pad, Y(v)); ctx.lineTo(W - pad, Y(v)); ctx.stroke();
    ctx.fillText(fmt(v, 0), 2, Y(v) + 4);
  }
  plotSeries(ctx, pts, fc, X, Y, 2);
  ctx.fillStyle = "#1d2330"; ctx.lineWidth = 1;
  ctx.fillText(data.history[0].date, pad, H - 12);
  if (fc.length) ctx.fillText(fc[fc.length - 1].date, W - pad - 70, H - 12);
  ctx.fillText(tr("forecast.legend", { level: Math.round(data.level * 100) }), pad, 16);
  canvas.dataset.points = String(data.forecast.length);
}

function drawMultiples(canvas, data) {
  // Many series: one small chart per best seller (history and forecast with its band); the rest are counted.
  const ctx = canvas.getContext("2d"), W = canvas.width, H = canvas.height, top = 22;
  ctx.clearRect(0, 0, W, H);
  const n = data.series.length, cols = Math.min(4, n), rows = Math.ceil(n / cols);
  const cw = W / cols, ch = (H - top) / rows, pad = 6;
  data.series.forEach((id, k) => {
    const ox = (k % cols) * cw, oy = top + Math.floor(k / cols) * ch;
    const pts = data.history.filter((p) => p.id === id).map((p) => [Date.parse(p.date), p.value]);
    const fc = data.forecast.filter((r) => r.id === id && r.open);
    const xs = pts.map((p) => p[0]).concat(fc.map((r) => Date.parse(r.date)));
    const ys = pts.map((p) => p[1]).concat(fc.flatMap((r) => [r.lower, r.upper]));
    if (!xs.length) return;
    const x0 = Math.min(...xs), x1 = Math.max(...xs), y1 = Math.max(...ys) * 1.05 || 1;
    const X = (t) => ox + pad + ((t - x0) / (x1 - x0 || 1)) * (cw - 2 * pad);
    const Y = (v) => oy + ch - pad - (v / y1) * (ch - 2 * pad - 12);
    ctx.strokeStyle = "#ccd"; ctx.lineWidth = 1; ctx.strokeRect(ox + 2, oy + 2, cw - 4, ch - 4);
    plotSeries(ctx, pts, fc, X, Y, 1.2);
    ctx.fillStyle = "#1d2330"; ctx.font = "11px sans-serif"; ctx.fillText(id, ox + 8, oy + 14);
  });
  ctx.fillStyle = "#1d2330"; ctx.font = "12px sans-serif";
  let title = tr("forecast.legend", { level: Math.round(data.level * 100) });
  if (data.left_out) title += " · " + tr("forecast.left_out", { n: data.left_out });
  ctx.fillText(title, 4, 14);
  canvas.dataset.points = String(data.forecast.length);
  canvas.dataset.series = String(n);
}

function drawBoxes(canvas, img, data) {
  const scale = Math.min(4, 640 / img.width);  // small images are drawn larger, big ones fit the page
  canvas.width = img.width * scale; canvas.height = img.height * scale;
  const ctx = canvas.getContext("2d");
  ctx.drawImage(img, 0, 0, canvas.width, canvas.height);
  ctx.lineWidth = 2; ctx.font = "12px sans-serif";
  data.boxes.forEach((b) => {
    const colour = PALETTE[data.classes.indexOf(b.label) % PALETTE.length];
    const [x0, y0, x1, y1] = b.box.map((v) => v * scale);
    ctx.strokeStyle = colour; ctx.strokeRect(x0, y0, x1 - x0, y1 - y0);
    const text = `${b.label} ${fmt(b.score, 2)}`;
    ctx.fillStyle = colour; ctx.fillRect(x0, Math.max(0, y0 - 14), ctx.measureText(text).width + 4, 14);
    ctx.fillStyle = "#000"; ctx.fillText(text, x0 + 2, Math.max(11, y0 - 3));
  });
  canvas.dataset.boxes = String(data.boxes.length);
}

function drawHeat(canvas, att) {
  const cell = 34, left = 90, top = 80;
  canvas.width = left + cell * att.source.length + 10; canvas.height = top + cell * att.target.length + 10;
  const ctx = canvas.getContext("2d");
  ctx.clearRect(0, 0, canvas.width, canvas.height); ctx.font = "12px sans-serif"; ctx.fillStyle = "#1d2330";
  att.source.forEach((s, j) => {
    ctx.save(); ctx.translate(left + j * cell + cell / 2, top - 6); ctx.rotate(-Math.PI / 3); ctx.fillText(s, 0, 0); ctx.restore();
  });
  att.target.forEach((t, i) => {
    ctx.fillStyle = "#1d2330"; ctx.fillText(t, 4, top + i * cell + cell / 2 + 4);
    att.weights[i].forEach((w, j) => {
      ctx.fillStyle = `rgba(31,111,235,${(w / (Math.max(...att.weights[i]) || 1)).toFixed(3)})`;  // row-scaled
      ctx.fillRect(left + j * cell, top + i * cell, cell - 1, cell - 1);
    });
  });
  canvas.dataset.cells = String(att.source.length * att.target.length);
}

function drawBars(container, items) {
  container.innerHTML = "";
  items.forEach(([label, p]) => {
    const row = document.createElement("div"); row.className = "bar";
    const name = document.createElement("span"); name.textContent = label;
    const track = document.createElement("div"); const fill = document.createElement("div");
    fill.className = "fill"; fill.style.width = `${(p * 100).toFixed(1)}%`; track.appendChild(fill);
    const value = document.createElement("span"); value.textContent = fmt(p, 1, true);
    row.append(name, track, value); container.appendChild(row);
  });
}
