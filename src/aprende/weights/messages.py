"""Messages of the shipped weights: Spanish first, English beside it, so the two cannot drift."""

MESSAGES = {
    'weights.unknown': (
        'No hay ningún modelo incluido llamado «{name}». Los que hay: {names}.',
        "There is no shipped model called '{name}'. Those there are: {names}.",
    ),
    'weights.none': (
        'No se ha indicado --run y el modelo incluido «{name}» no está en esta instalación. Entrena uno con «{train}» y pásalo con --run CARPETA.',
        "No --run given and the shipped model '{name}' is not in this installation. Train one with '{train}' and pass it with --run FOLDER.",
    ),
    'weights.help': (
        'Los modelos preentrenados: los que vienen con aprende y los publicados que traes (get, import).',
        'The pretrained models: those that come with aprende and the published ones you bring in (get, import).',
    ),
    'weights.list.help': (
        'Muestra los modelos incluidos con sus métricas.',
        'Show the shipped models with their metrics.',
    ),
    'weights.list.title': (
        'Modelos incluidos (se usan cuando no se indica --run)',
        'Shipped models (used when no --run is given)',
    ),
    'weights.list.empty': (
        'Esta instalación no trae modelos incluidos; entrena uno con el laboratorio correspondiente.',
        'This installation has no shipped models; train one with its lab.',
    ),
    'weights.col.name': (
        'nombre',
        'name',
    ),
    'weights.col.what': (
        'qué es',
        'what it is',
    ),
    'weights.col.metrics': (
        'métricas medidas',
        'measured metrics',
    ),
    'weights.col.size': (
        'tamaño',
        'size',
    ),
    'weights.get.help': (
        'Descarga un modelo publicado (gpt2, gpt2-es, beto, opus-mt-es-en, opus-mt-en-es; las redes de ImageNet de torchvision resnet18, mobilenet_v3_small, efficientnet_b0) y lo convierte en una ejecución de aprende. Es la única orden que descarga pesos.',
        "Download a published model (gpt2, gpt2-es, beto, opus-mt-es-en, opus-mt-en-es; torchvision's ImageNet networks resnet18, mobilenet_v3_small, efficientnet_b0) and turn it into an aprende run. The only command that downloads weights.",
    ),
    'weights.import.help': (
        'Convierte una carpeta de Hugging Face (GPT-2, BERT o Marian), o con --arch un archivo de torchvision (.pth o .safetensors), en una ejecución de aprende.',
        'Turn a Hugging Face folder (GPT-2, BERT or Marian), or with --arch a torchvision file (.pth or .safetensors), into an aprende run.',
    ),
    'weights.opt.arch': (
        'El archivo es de esta red de torchvision: {names}.',
        'The file holds this torchvision network: {names}.',
    ),
    'weights.get.licence': (
        '{name}: {repo} ({size} parámetros), licencia {licence}. Descargando…',
        '{name}: {repo} ({size} parameters), licence {licence}. Downloading…',
    ),
    'weights.get.unknown': (
        'No conozco el modelo «{name}». Los que sé descargar: {names}.',
        "Unknown model '{name}'. Those I can download: {names}.",
    ),
    'weights.import.done': (
        'Listo: {family} en {run}. Úsalo con --run {run}.',
        'Done: {family} in {run}. Use it with --run {run}.',
    ),
    'weights.list.imported': (
        '{family}, traído de {source}',
        '{family}, brought from {source}',
    ),
    'weights.list.licence': (
        'licencia {licence}',
        'licence {licence}',
    ),
    'weights.no_hub': (
        'Para descargar modelos publicados hace falta huggingface_hub. Instálalo con: pip install "aprende[hub]".',
        'Downloading published models needs huggingface_hub. Install it with: pip install "aprende[hub]".',
    ),
    'weights.offline': (
        'No se pudo descargar «{name}» de huggingface.co/{repo} ({reason}): ¿hay conexión? Si ya tienes la carpeta del modelo, conviértela con «aprende weights import CARPETA».',
        "Could not download '{name}' from huggingface.co/{repo} ({reason}): is there a connection? If you already have the model's folder, convert it with 'aprende weights import FOLDER'.",
    ),
    'weights.no_safetensors': (
        '{repo} no tiene model.safetensors en ninguna revisión, y aprende nunca carga pickles (pytorch_model.bin). Conviértelo tú a safetensors y usa «aprende weights import CARPETA».',
        "{repo} has no model.safetensors in any revision, and aprende never loads pickles (pytorch_model.bin). Convert it to safetensors yourself and use 'aprende weights import FOLDER'.",
    ),
    'weights.unknown_hub': (
        'No conozco el modelo publicado «{name}». Los que hay: {names}.',
        "Unknown published model '{name}'. Those there are: {names}.",
    ),
}
