// The page: tabs, language, drag-and-drop, and one small function per lab that calls /api/v1 and draws the answer.
const API = "/api/v1";
const $ = (id) => document.getElementById(id);

function status(lab, text, isError = false) {
  const el = $(`${lab}-status`);
  el.textContent = text; el.classList.toggle("error", isError);
}

async function call(lab, path, options = {}) {
  // fetch with ?lang=; an error answer shows its localized message and returns null.
  const sep = path.includes("?") ? "&" : "?";
  status(lab, tr("working"));
  const t0 = performance.now();
  let res;
  try {
    res = await fetch(`${API}${path}${sep}lang=${LANG}`, options);
  } catch (e) {
    status(lab, tr("network"), true); return null;
  }
  if (!res.ok) {
    let msg = `${res.status}`;
    try { const body = await res.json(); msg = body.message || msg; } catch (e) { /* not JSON */ }
    status(lab, msg, true); return null;
  }
  res.seconds = fmt((performance.now() - t0) / 1000, 1);
  return res;
}

function upload(file) { const form = new FormData(); form.append("file", file); return form; }
const jsonBody = (obj) => ({ method: "POST", headers: { "Content-Type": "application/json" }, body: JSON.stringify(obj) });

async function runForecast(file) {
  const idCol = $("forecast-idcol").value.trim();
  const freq = $("forecast-freq").value, country = $("forecast-country").value.trim();  // blank: the lab's default
  const btHorizon = $("forecast-bt-horizon").value.trim(), windows = $("forecast-windows").value.trim();
  const query = `horizon=${$("forecast-horizon").value}` + (idCol ? `&id_col=${encodeURIComponent(idCol)}` : "") +
    (freq ? `&freq=${freq}` : "") + (country ? `&country=${encodeURIComponent(country)}` : "") +
    (btHorizon ? `&bt_horizon=${encodeURIComponent(btHorizon)}` : "") +
    (windows ? `&windows=${encodeURIComponent(windows)}` : "");
  const res = await call("forecast", `/forecast?${query}`, { method: "POST", body: upload(file) });
  if (!res) return;
  const data = await res.json();
  if (data.series && data.series.length) drawMultiples($("forecast-chart"), data);
  else drawForecast($("forecast-chart"), data);
  $("forecast-metrics").textContent = tr("forecast.metrics", { model: data.model, mae: fmt(data.metrics.mae, 2), mase: fmt(data.metrics.mase, 2) }) +
    (data.backtest ? " " + tr("forecast.backtest", data.backtest) : "");
  status("forecast", tr("done", { s: res.seconds }));
}

async function loadForecastOptions() {
  // The backtest fields' ranges and defaults come from the forecast lab's settings (GET /forecast/options).
  let options;
  try { options = await (await fetch(`${API}/forecast/options`)).json(); } catch (e) { return; }
  for (const [field, id] of [["bt_horizon", "forecast-bt-horizon"], ["windows", "forecast-windows"]]) {
    const b = options[field], input = $(id);
    if (!b) continue;
    if (b.min !== null) input.min = b.min;
    if (b.max !== null) input.max = b.max;
    if (b.default !== null) input.value = b.default;
  }
}

async function runClassify(file) {
  $("classify-preview").src = URL.createObjectURL(file);
  const res = await call("classify", "/classify?top_k=5", { method: "POST", body: upload(file) });
  if (!res) return;
  const data = await res.json();
  drawBars($("classify-bars"), data.top.map((c) => [c.label, c.probability]));
  status("classify", tr("done", { s: res.seconds }));
}

async function runDetect(file) {
  const res = await call("detect", `/detect?conf=${$("detect-conf").value}`, { method: "POST", body: upload(file) });
  if (!res) return;
  const data = await res.json();
  const img = new Image();
  img.onload = () => {
    drawBoxes($("detect-canvas"), img, data);
    $("detect-list").innerHTML = "";
    data.boxes.slice(0, 20).forEach((b) => {
      const li = document.createElement("li"); li.textContent = `${b.label} ${fmt(b.score, 2)} [${b.box.join(", ")}]`;
      $("detect-list").appendChild(li);
    });
    status("detect", `${tr("detect.count", { n: data.boxes.length })} · ${tr("done", { s: res.seconds })}`);
  };
  img.src = URL.createObjectURL(file);
}

async function runTranslate() {
  const attention = $("translate-attention").checked;
  const res = await call("translate", "/translate", jsonBody({ text: $("translate-text").value, attention }));
  if (!res) return;
  const data = await res.json();
  $("translate-out").textContent = data.translation;
  if (data.attention) drawHeat($("translate-heat"), data.attention);
  status("translate", tr("done", { s: res.seconds }));
}

async function runGPT() {
  const body = { prompt: $("gpt-prompt").value, max_new_tokens: Number($("gpt-tokens").value),
                 temperature: Number($("gpt-temperature").value), stream: true };
  const out = $("gpt-out");
  out.textContent = ""; out.dataset.done = "";
  const t0 = performance.now();
  const res = await call("gpt", "/gpt", jsonBody(body));
  if (!res) return;
  const reader = res.body.getReader(), decoder = new TextDecoder();
  for (;;) {
    const { value, done } = await reader.read();
    if (done) break;
    out.textContent += decoder.decode(value, { stream: true });
  }
  out.dataset.done = "1";
  status("gpt", tr("done", { s: fmt((performance.now() - t0) / 1000, 1) }));
}

async function runBert() {
  const res = await call("bert", "/bert?top_k=5", jsonBody({ text: $("bert-text").value }));
  if (!res) return;
  const data = await res.json();
  const out = $("bert-out"); out.innerHTML = "";
  data.masks.forEach((words) => {
    const box = document.createElement("div"); box.className = "bars";
    drawBars(box, words.map((w) => [w.word, w.probability])); out.appendChild(box);
  });
  status("bert", tr("done", { s: res.seconds }));
}

async function loadExhibits() {
  const res = await fetch(`${API}/history?lang=${LANG}`);
  if (!res.ok) return;
  const select = $("history-select"), chosen = select.value;
  select.innerHTML = "";
  (await res.json()).forEach((e) => {
    const opt = document.createElement("option"); opt.value = e.name; opt.textContent = `${e.year} · ${e.title}`;
    select.appendChild(opt);
  });
  if (chosen) select.value = chosen;
}

async function runHistory() {
  const name = $("history-select").value;
  const res = await call("history", `/history/${encodeURIComponent(name)}/info`);
  if (!res) return;
  const info = await res.json();
  $("history-sentence").textContent = info.sentence;
  const figures = $("history-figures"); figures.innerHTML = "";
  info.figures.forEach((f) => {
    const img = document.createElement("img"); img.alt = f;
    img.src = `${API}/history/${encodeURIComponent(name)}?figure=${encodeURIComponent(f)}`; figures.appendChild(img);
  });
  status("history", tr("done", { s: res.seconds }));
}

function dropZone(inputId, handler) {
  // Choosing a file or dropping one runs the lab at once.
  const input = $(inputId), zone = input.closest(".drop");
  input.addEventListener("change", () => { if (input.files.length) handler(input.files[0]); });
  zone.addEventListener("dragover", (e) => { e.preventDefault(); zone.classList.add("over"); });
  zone.addEventListener("dragleave", () => zone.classList.remove("over"));
  zone.addEventListener("drop", (e) => {
    e.preventDefault(); zone.classList.remove("over");
    if (e.dataTransfer.files.length) handler(e.dataTransfer.files[0]);
  });
}

function showTab(name) {
  document.querySelectorAll(".tab").forEach((s) => s.classList.toggle("active", s.id === name));
  document.querySelectorAll("#tabs button").forEach((b) => b.classList.toggle("active", b.dataset.tab === name));
  history.replaceState(null, "", `#${name}`);
}

document.querySelectorAll("#tabs button").forEach((b) => b.addEventListener("click", () => showTab(b.dataset.tab)));
$("lang").addEventListener("click", () => {
  LANG = LANG === "es" ? "en" : "es"; localStorage.setItem("aprende-lang", LANG); applyStrings(); loadExhibits();
});
dropZone("forecast-file", runForecast);
dropZone("classify-file", runClassify);
dropZone("detect-file", runDetect);
$("translate-run").addEventListener("click", runTranslate);
$("gpt-run").addEventListener("click", runGPT);
$("bert-run").addEventListener("click", runBert);
$("history-run").addEventListener("click", runHistory);
applyStrings();
loadExhibits();
loadForecastOptions();
showTab(location.hash.slice(1) || "forecast");
