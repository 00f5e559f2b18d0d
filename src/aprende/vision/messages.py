"""Messages of the classification lab, Spanish first and English beside it, so the two cannot drift (the `cnn`
commands keep theirs in cnn_lesson/)."""

MESSAGES = {
    'vision.help': (
        'Clasificación de imágenes (artículo «Clasificación de Imágenes en Python»).',
        'Image classification (article "Clasificación de Imágenes en Python").',
    ),
    'vision.train.help': (
        'Entrena una CNN con una carpeta por clase (--data) o con Fashion-MNIST y la evalúa en el conjunto de prueba.',
        'Train a CNN on a folder per class (--data) or on Fashion-MNIST and evaluate it on the test set.',
    ),
    'vision.evaluate.help': (
        'Evalúa una ejecución en su conjunto de prueba guardado o en otra carpeta por clase.',
        'Evaluate a run on its saved test split or on another folder-per-class set.',
    ),
    'vision.predict.help': (
        'Clasifica una imagen o todas las de una carpeta (predictions.csv).',
        'Classify one image or every image of a folder (predictions.csv).',
    ),
    'vision.opt.data': (
        'Carpeta con una subcarpeta por clase (la estructura del artículo).',
        "Folder with one sub-folder per class (the article's layout).",
    ),
    'vision.opt.dataset': (
        'Conjunto con nombre (por defecto fashion-mnist).',
        'Named data set (default fashion-mnist).',
    ),
    'vision.opt.model': (
        'fast (el nuestro), wide (más ancho, para fotos pequeñas en color) o article (la CNN del artículo, exacta).',
        "fast (ours), wide (wider, for small colour photos) or article (the article's CNN, exactly).",
    ),
    'vision.opt.widths': (
        'Canales de cada etapa, separados por comas (por defecto, fast 32,64; wide 64,128,256).',
        'Channels of each stage, separated by commas (default: fast 32,64; wide 64,128,256).',
    ),
    'vision.opt.depth': (
        'Convoluciones por etapa (fast y wide).',
        'Convolutions per stage (fast and wide).',
    ),
    'vision.opt.hidden': (
        'Neuronas de la capa densa (0: promedio global; por defecto, fast 256, wide 0).',
        'Units of the dense layer (0: global average pooling; default: fast 256, wide 0).',
    ),
    'vision.opt.shift': (
        'Desplazamiento aleatorio máximo en píxeles (por defecto 2, o 0 con --max-time de 2 minutos o menos).',
        'Largest random shift in pixels (default 2, or 0 under a --max-time of 2 minutes or less).',
    ),
    'vision.opt.img_size': (
        'Tamaño de las imágenes: 28 o 21x28 (alto x ancho); por defecto el más común del conjunto.',
        "Image size: 28 or 21x28 (height x width); default the data set's most common size.",
    ),
    'vision.opt.label_smoothing': (
        'Suavizado de etiquetas (por defecto 0,2 con hasta 20.000 imágenes de entrenamiento, 0,1 con más; 0 en '
        '«article»).',
        'Label smoothing (default 0.2 with up to 20,000 training images, 0.1 with more; 0 for "article").',
    ),
    'vision.opt.flips': (
        'Volteo horizontal como aumento de datos (por defecto, donde el conjunto lo permite).',
        'Horizontal flips as augmentation (default: where the data set allows).',
    ),
    'vision.opt.skip_bad': (
        'Salta las imágenes dañadas con un aviso en lugar de parar.',
        'Skip damaged images with a warning instead of stopping.',
    ),
    'vision.opt.eval_data': (
        'Otra carpeta por clase para evaluar (por defecto, la partición de prueba de la ejecución).',
        "Another folder per class to evaluate on (default: the run's test split).",
    ),
    'vision.opt.top_k': (
        'Cuántas clases mostrar por imagen (3; 5 para una red de ImageNet).',
        'How many classes to show per image (3; 5 for an ImageNet network).',
    ),
    'vision.opt.out': (
        'Archivo CSV de resultados para una carpeta (por defecto predictions.csv).',
        'CSV file of results for a folder (default predictions.csv).',
    ),
    'vision.opt.crops': (
        'Recortes aleatorios redimensionados, con giros pequeños (por defecto, en carpetas: fotos).',
        'Random resized crops with small rotations (default: on for folders, i.e. photos).',
    ),
    'vision.opt.rotate': (
        'Giro máximo en grados de los recortes (por defecto 10).',
        'Largest rotation of the crops in degrees (default 10).',
    ),
    'vision.opt.color_jitter': (
        'Varía brillo, contraste y saturación al entrenar (desactivado: el color suele decidir la clase).',
        'Vary brightness, contrast and saturation in training (off by default: colour often decides the class).',
    ),
    'vision.opt.mix': (
        'Mezcla de imágenes: none (por defecto), mixup o cutmix.',
        'Image mixing: none (default), mixup or cutmix.',
    ),
    'vision.opt.whiten': (
        'Primera convolución = los filtros que blanquean los parches 3x3 de las imágenes de entrenamiento, fijos '
        '(por defecto, sí, salvo en «article»).',
        "First convolution = the filters that whiten the training images' 3x3 patches, frozen (default: on, except "
        'for "article").',
    ),
    'vision.opt.tta': (
        'Promedia la respuesta de cada imagen de prueba con la de su reflejo (por defecto, si se permiten volteos).',
        "Average each test image's answer with its mirror image's (default: where flips are allowed).",
    ),
    'vision.opt.val_split': (
        'Parte de la carpeta para validar (por defecto 0.1).',
        'Share of the folder for validation (default 0.1).',
    ),
    'vision.opt.test_split': (
        'Parte de la carpeta para la prueba (por defecto 0.2; ninguna con --test-data).',
        'Share of the folder for the test (default 0.2; none with --test-data).',
    ),
    'vision.opt.test_data': (
        'Otra carpeta por clase como prueba: toda --data, salvo la validación, entrena.',
        'Another folder per class as the test set: all of --data but the validation share trains.',
    ),
    'vision.bad_mix': (
        'Mezcla desconocida «{name}». Elige entre: {choices}.',
        'Unknown mix "{name}". Choose from: {choices}.',
    ),
    'vision.bad_split': (
        '--val-split ({val}) y --test-split ({test}) deben estar entre 0 y 1 y sumar como mucho 0.9.',
        '--val-split ({val}) and --test-split ({test}) must lie between 0 and 1 and add up to 0.9 at most.',
    ),
    'vision.test_data_needs_data': (
        '--test-data necesita --data: la carpeta de entrenamiento con las mismas clases.',
        '--test-data needs --data: the training folder with the same classes.',
    ),
    'vision.augment': (
        'Aumento: recortes {crops}, desplazamiento {shift} px, volteos {flips}, color {jitter}, mezcla {mix}; '
        'prueba con reflejo {tta}; primera capa blanqueadora {whiten}.',
        'Augmentation: crops {crops}, shift {shift} px, flips {flips}, colour {jitter}, mix {mix}; mirrored test '
        '{tta}; whitening first layer {whiten}.',
    ),
    'vision.yes': ('sí', 'yes'),
    'vision.no': ('no', 'no'),
    'vision.bad_widths': (
        '--widths necesita números enteros positivos separados por comas (p. ej. 32,64,128) y --depth al menos 1.',
        '--widths needs positive integers separated by commas (e.g. 32,64,128) and --depth at least 1.',
    ),
    'vision.bad_model': (
        'Modelo desconocido «{name}». Elige entre: {choices}.',
        'Unknown model "{name}". Choose from: {choices}.',
    ),
    'vision.bad_dataset': (
        'No conozco el conjunto de imágenes «{name}». Usa --dataset fashion-mnist o --data CARPETA.',
        'Unknown image data set "{name}". Use --dataset fashion-mnist or --data FOLDER.',
    ),
    'vision.no_folder': (
        'No existe la carpeta {path}. Indica una carpeta con una subcarpeta por clase.',
        'The folder {path} does not exist. Give a folder with one sub-folder per class.',
    ),
    'vision.not_folder': (
        '{path} no es una carpeta. Indica una carpeta con una subcarpeta por clase.',
        '{path} is not a folder. Give a folder with one sub-folder per class.',
    ),
    'vision.no_classes': (
        'La carpeta {path} no tiene subcarpetas: pon las imágenes de cada clase en su propia subcarpeta.',
        "The folder {path} has no sub-folders: put each class's images in its own sub-folder.",
    ),
    'vision.one_class': (
        '{path} solo tiene una clase («{name}»); hacen falta al menos dos subcarpetas.',
        '{path} has a single class ("{name}"); at least two sub-folders are needed.',
    ),
    'vision.too_few': (
        'La clase {path} tiene {n} {n:plural:imagen|imágenes} y las particiones necesitan al menos {needed}. Añade imágenes o quita la clase.',
        'The class {path} has {n} {n:plural:image|images} and the splits need at least {needed}. Add images or remove the class.',
    ),
    'vision.skipped': (
        'se {n:plural:ha|han} saltado {n} {n:plural:archivo dañado o que no es una imagen|archivos dañados o que no son imágenes} (p. ej. {first}).',
        'skipped {n} damaged or non-image {n:plural:file|files} (e.g. {first}).',
    ),
    'vision.split_missing': (
        'Falta {path}, que estaba en las particiones de la ejecución. Restaura la carpeta o vuelve a entrenar.',
        "{path}, part of the run's splits, is missing. Restore the folder or train again.",
    ),
    'vision.unknown_class': (
        'La clase «{name}» no existe en el modelo (clases: {classes}).',
        'The class "{name}" is not in the model (classes: {classes}).',
    ),
    'vision.no_images': (
        'No hay imágenes en {path}.',
        'There are no images in {path}.',
    ),
    'vision.bad_topk': (
        '--top-k debe ser al menos 1 (recibido {n}).',
        '--top-k must be at least 1 (got {n}).',
    ),
    'vision.data_source': (
        'Datos: {source} ({n} imágenes, {k} clases; {train} entrenamiento, {val} validación, {test} prueba).',
        'Data: {source} ({n} images, {k} classes; {train} train, {val} validation, {test} test).',
    ),
    'vision.col.class': (
        'clase',
        'class',
    ),
    'vision.col.precision': (
        'precisión',
        'precision',
    ),
    'vision.col.recall': (
        'exhaustividad',
        'recall',
    ),
    'vision.col.f1': (
        'F1',
        'F1',
    ),
    'vision.col.support': (
        'imágenes',
        'images',
    ),
    'vision.table.title': (
        'Resultados en el conjunto de prueba',
        'Results on the test set',
    ),
    'vision.accuracy': (
        'Exactitud {accuracy:.2%}, F1 ponderado {f1:.3f}.',
        'Accuracy {accuracy:.2%}, weighted F1 {f1:.3f}.',
    ),
    'vision.train.done': (
        'Ejecución guardada en {run} (confusion_matrix.png, errors.png, metrics.json).',
        'Run saved in {run} (confusion_matrix.png, errors.png, metrics.json).',
    ),
    'vision.evaluate.done': (
        'Gráficos y metrics.json en {path}',
        'Plots and metrics.json in {path}',
    ),
    'vision.predict.done': (
        '{n} {n:plural:imagen clasificada|imágenes clasificadas}; resultados en {path}',
        '{n} {n:plural:image|images} classified; results in {path}',
    ),
    'vision.plot.predicted': (
        'predicha',
        'predicted',
    ),
    'vision.plot.true': (
        'real',
        'true',
    ),
    'vision.plot.confusion': (
        'Matriz de confusión (conjunto de prueba)',
        'Confusion matrix (test set)',
    ),
    'vision.plot.errors': (
        'Imágenes mal clasificadas: real → predicha',
        'Misclassified images: true → predicted',
    ),
    'vision.pretrained.bad_arch': (
        'No conozco la arquitectura «{name}». Las que sé importar: {names}.',
        "Unknown architecture '{name}'. Those I can import: {names}.",
    ),
    'vision.pretrained.missing': (
        'No encuentro el archivo de pesos {path}. Comprueba la ruta.',
        'Weights file {path} not found. Check the path.',
    ),
    'vision.pretrained.not_state': (
        '{path} no es un state dict de PyTorch ni un safetensors legible. Pasa el .pth o .safetensors de torchvision.',
        "{path} is neither a PyTorch state dict nor a readable safetensors file. Pass torchvision's .pth or .safetensors.",
    ),
    'vision.pretrained.not_tensors': (
        '{path} contiene objetos que no son tensores: no lo abro (podría ejecutar código). Usa un archivo que solo guarde pesos.',
        '{path} holds objects that are not tensors: not opened (it could run code). Use a file that holds weights only.',
    ),
    'vision.pretrained.wrong_keys': (
        '{path} no es un state dict de {arch}: no cuadra «{name}» (nombre o forma). Indica la --arch correcta.',
        "{path} is not a {arch} state dict: '{name}' does not match (name or shape). Give the right --arch.",
    ),
    'vision.pretrained.offline': (
        'No he podido descargar {name} de {url} ({reason}): ¿hay red? Descárgalo en otro equipo y usa «aprende weights import ARCHIVO --arch {name}».',
        'Could not download {name} from {url} ({reason}): is there a network? Download it elsewhere and use "aprende weights import FILE --arch {name}".',
    ),
    'vision.pretrained.done': (
        'Importado {arch} ({n:,} parámetros, sha256 {sha}…) en {run}. Clases de ImageNet en inglés (no hay traducción sin red).',
        'Imported {arch} ({n:,} parameters, sha256 {sha}…) into {run}. ImageNet classes in English.',
    ),
    'vision.opt.init': (
        'Ajusta (fine-tuning) esta red de ImageNet importada con «aprende weights get|import» a las clases de --data.',
        'Fine-tune this ImageNet network, brought in with "aprende weights get|import", to the classes of --data.',
    ),
    'vision.opt.freeze': (
        'Con --init: deja fija la red y entrena solo la cabeza nueva (una fase).',
        'With --init: keep the network fixed and train the new head only (one phase).',
    ),
    'vision.init_not_pretrained': (
        '{path} no es una red de ImageNet importada: --init necesita una ejecución de «aprende weights get|import ... --arch».',
        '{path} is not an imported ImageNet network: --init needs a run of "aprende weights get|import ... --arch".',
    ),
    'vision.init_needs_data': (
        '--init necesita --data CARPETA (una subcarpeta por clase) con tus fotos.',
        '--init needs --data FOLDER (one sub-folder per class) with your photos.',
    ),
    'vision.finetune.start': (
        'Ajustando {arch} a {h}x{w} px con la normalización de ImageNet: {phases:plural:una fase (la cabeza, la red fija)|dos fases (la cabeza sola, luego toda la red con un lr 10 veces menor)}.',
        'Fine-tuning {arch} at {h}x{w} px with ImageNet normalisation: {phases:plural:one phase (the head, the network fixed)|two phases (the head alone, then the whole network at a tenth of the lr)}.',
    ),
    'vision.finetune.precision': (
        'Precisión en esta CPU: {chosen} (un paso de prueba tardó {fp32} s en fp32 y {bf16} s en bf16); --precision fp32 o bf16 la fija.',
        'Precision on this CPU: {chosen} (a trial step took {fp32} s in fp32 and {bf16} s in bf16); --precision fp32 or bf16 fixes it.',
    ),
    'vision.finetune.cpu_size': (
        'En la CPU entreno a {size} px en vez de 224 (cuesta la mitad); usa --img-size 224 para la resolución de la red.',
        "On the CPU I train at {size} px instead of 224 (half the cost); use --img-size 224 for the network's resolution.",
    ),
    'vision.unknown_class_init': (
        'La clase «{name}» de {data} no está entre las 1.000 de ImageNet de {run}. Para tus clases, ajusta la red: aprende classify train --init {run} --data {data}',
        "The class '{name}' of {data} is not among {run}'s 1,000 ImageNet classes. For your classes, fine-tune it: aprende classify train --init {run} --data {data}",
    ),
    'vision.resume_imported': (
        '{run} se importó (weights get|import), no se entrenó: no hay nada que reanudar. Para ajustarla a tus fotos: aprende classify train --init {run} --data CARPETA',
        '{run} was imported (weights get|import), not trained: there is nothing to resume. To fine-tune it on your photos: aprende classify train --init {run} --data FOLDER',
    ),
}
