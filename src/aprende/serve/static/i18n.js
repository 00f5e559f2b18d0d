// The page's own Spanish/English strings; the API's error messages come already translated (?lang=).
// Each key: [Spanish, English], side by side as in the Python catalogues.
const STRINGS = {
  "tagline": [
    "Los modelos de «Aprende Machine Learning», en tu navegador.",
    "The models of «Aprende Machine Learning», in your browser."],
  "tab.forecast": ["Pronóstico", "Forecast"],
  "tab.classify": ["Clasificar", "Classify"],
  "tab.detect": ["Detectar", "Detect"],
  "tab.translate": ["Traducir", "Translate"],
  "tab.gpt": ["GPT", "GPT"],
  "tab.bert": ["BERT", "BERT"],
  "tab.history": ["Historia", "History"],
  "drop.csv": ["Arrastra aquí un CSV «fecha,unidades» o elígelo:", "Drop a «date,units» CSV here or choose it:"],
  "drop.image": ["Arrastra aquí una imagen o elígela:", "Drop an image here or choose it:"],
  "run": ["Ejecutar", "Run"],
  "models": ["modelos", "models"],
  "forecast.intro": [
    "Sube tus ventas diarias: se entrena en segundos una red pequeña (el modelo «calendar») y se pronostican los próximos días con su intervalo.",
    "Upload your daily sales: a small network (the «calendar» model) trains in seconds and forecasts the next days with an interval."],
  "forecast.horizon": ["Días a pronosticar:", "Days to forecast:"],
  "forecast.idcol": ["Columna de la serie (tabla larga, opcional):", "Series column (long table, optional):"],
  "forecast.freq": ["Frecuencia de los datos:", "Frequency of the data:"],
  "forecast.country": [
    "País de los festivos (vacío: el predeterminado):",
    "Country of the holidays (blank: the default):"],
  "forecast.bt_horizon": [
    "Pasos de cada ventana del backtest (vacío: según la frecuencia):",
    "Steps in each backtest window (blank: from the frequency):"],
  "forecast.windows": ["Ventanas del backtest (vacío: según la frecuencia):", "Backtest windows (blank: from the frequency):"],
  "forecast.backtest": ["Backtest: {windows} ventanas de {horizon} pasos.", "Backtest: {windows} windows of {horizon} steps."],
  "forecast.left_out": ["series sin mostrar: {n}", "series not shown: {n}"],
  "forecast.legend": ["historia · pronóstico · intervalo del {level} %", "history · forecast · {level} % interval"],
  "forecast.metrics": [
    "Modelo {model}: MAE {mae}, MASE {mase} en el backtest (MASE < 1: mejor que repetir la semana pasada).",
    "Model {model}: MAE {mae}, MASE {mase} on the backtest (MASE < 1: better than repeating last week)."],
  "classify.intro": [
    "Sube una imagen: el clasificador dice qué es, con sus probabilidades.",
    "Upload an image: the classifier says what it is, with its probabilities."],
  "detect.intro": [
    "Sube una imagen: el detector YOLO dibuja cajas alrededor de los objetos que encuentra.",
    "Upload an image: the YOLO detector draws boxes around the objects it finds."],
  "detect.conf": ["Confianza mínima:", "Minimum confidence:"],
  "detect.count": ["{n} objetos", "{n} objects"],
  "translate.intro": [
    "Escribe una frase en español: el Transformer la traduce al inglés y muestra a qué palabras atendió. Aprendió de la Biblia (Reina-Valera 1909 → World English Bible) y de 2.047 mensajes de programas de los catálogos de Debian, así que traduce mucho mejor frases de ese estilo («Y dijo Dios: Sea la luz.», «El Señor es mi pastor; nada me faltará.», «No se pudo abrir el archivo.») que el español de cada día.",
    "Write a Spanish sentence: the Transformer translates it into English and shows which words it attended to. It learned from the Bible (Reina-Valera 1909 → World English Bible) and 2,047 program messages from Debian's catalogues, so it translates sentences in that style («Y dijo Dios: Sea la luz.», «El Señor es mi pastor; nada me faltará.», «No se pudo abrir el archivo.») much better than everyday Spanish."],
  "translate.attention": ["mostrar la atención", "show the attention"],
  "gpt.intro": [
    "Escribe el comienzo de un texto: el GPT lo continúa, palabra a palabra.",
    "Write the start of a text: the GPT continues it, word by word."],
  "gpt.tokens": ["Tokens nuevos:", "New tokens:"],
  "gpt.temperature": ["Temperatura:", "Temperature:"],
  "bert.intro": [
    "Escribe una frase con [MASK]: BERT propone las palabras más probables para el hueco.",
    "Write a sentence with [MASK]: BERT suggests the likeliest words for the gap."],
  "history.intro": [
    "El museo: cada red de la historia se entrena aquí mismo y muestra su figura.",
    "The museum: every network of the timeline trains right here and shows its figure."],
  "working": ["Trabajando…", "Working…"],
  "done": ["Hecho en {s} s.", "Done in {s} s."],
  "network": ["No se pudo conectar con el servidor.", "Could not reach the server."],
};

let LANG = (localStorage.getItem("aprende-lang") || (navigator.language || "es")).slice(0, 2) === "en" ? "en" : "es";

function tr(key, params = {}) {
  const pair = STRINGS[key];
  const text = pair ? pair[LANG === "en" ? 1 : 0] || pair[0] : key;
  return text.replace(/\{(\w+)\}/g, (_, k) => (k in params ? params[k] : `{${k}}`));
}

// Numbers as aprende.core.numbers writes them: 84,1 %, 63 082 496 (U+202F from five digits on), 0,887 in Spanish;
// 84.1%, 63,082,496, 0.887 in English. `digits` decimals (null: up to 4), `percent` for a fraction.
function fmt(value, digits = null, percent = false) {
  if (value === null || value === undefined || Number.isNaN(Number(value))) return "—";
  const d = percent && digits === null ? 1 : digits;
  const opts = d === null ? { maximumFractionDigits: 4 } : { minimumFractionDigits: d, maximumFractionDigits: d };
  if (percent) opts.style = "percent";
  if (LANG === "en") return new Intl.NumberFormat("en-US", opts).format(value);
  return new Intl.NumberFormat("es-ES", opts).formatToParts(value)
    .map((part) => (part.type === "group" ? "\u202f" : part.value)).join("");
}

function applyStrings() {
  document.documentElement.lang = LANG;
  document.querySelectorAll("[data-t]").forEach((el) => { el.textContent = tr(el.dataset.t); });
  document.getElementById("lang").textContent = LANG === "es" ? "EN" : "ES";
}
