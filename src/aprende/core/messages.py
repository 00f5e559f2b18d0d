"""Messages of the shared machinery (options, runs, checkpoints, devices, plots, images): Spanish first, English beside it, so the two cannot drift."""

MESSAGES = {
    'cli.help': (
        'aprende: las lecciones de «Aprende Machine Learning» hechas software que entrena, explica y predice.',
        'aprende: the lessons of "Aprende Machine Learning" as software that trains, explains and predicts.',
    ),
    'error.prefix': (
        'Error: ',
        'Error: ',
    ),
    'warning.prefix': (
        'Aviso: ',
        'Warning: ',
    ),
    'opt.lang': (
        'Idioma de los mensajes: es o en (también APRENDE_LANG).',
        'Language of messages: es or en (also APRENDE_LANG).',
    ),
    'opt.epochs': (
        'Número de épocas.',
        'Number of epochs.',
    ),
    'opt.batch_size': (
        'Tamaño del lote (global, repartido entre procesos con torchrun).',
        'Batch size (global, split across processes under torchrun).',
    ),
    'opt.lr': (
        'Tasa de aprendizaje.',
        'Learning rate.',
    ),
    'opt.optimizer': (
        'Optimizador.',
        'Optimiser.',
    ),
    'opt.scheduler': (
        'Programa de la tasa de aprendizaje.',
        'Learning-rate schedule.',
    ),
    'opt.patience': (
        'Parada temprana: épocas sin mejora antes de parar.',
        'Early stopping: epochs without improvement before stopping.',
    ),
    'opt.grad_clip': (
        'Recorte de la norma del gradiente (0 lo desactiva).',
        'Gradient-norm clipping (0 disables it).',
    ),
    'opt.max_time': (
        'Para limpiamente tras estos segundos y conserva el mejor modelo.',
        'Stop cleanly after this many seconds and keep the best model.',
    ),
    'opt.device': (
        'Dispositivo: auto, cpu o cuda.',
        'Device: auto, cpu or cuda.',
    ),
    'opt.precision': (
        'Precisión: auto (bf16 en CUDA, fp32 en CPU), fp32 o bf16 (también en CPU). Por defecto, la del laboratorio (la CNN «fast» usa bf16 en las CPU que lo calculan de forma nativa).',
        'Precision: auto (bf16 on CUDA, fp32 on CPU), fp32 or bf16 (on the CPU too). Default: the lab\'s (the "fast" CNN uses bf16 on CPUs that compute it natively).',
    ),
    'opt.seed': (
        'Semilla (misma semilla, mismo resultado).',
        'Random seed (same seed, same result).',
    ),
    'opt.project': (
        'Carpeta padre de las ejecuciones (por defecto ./runs).',
        'Parent folder of runs (default ./runs).',
    ),
    'opt.name': (
        'Nombre de la ejecución (por defecto exp, exp2, …).',
        'Run name (default exp, exp2, …).',
    ),
    'opt.resume': (
        'Continúa la ejecución de esta carpeta donde se quedó.',
        'Continue the run in this folder where it stopped.',
    ),
    'opt.json': (
        'Imprime un único objeto JSON (la ejecución y sus métricas o resultados) en la salida estándar.',
        'Print exactly one JSON object (the run and its metrics or results) on standard output.',
    ),
    'opt.quiet': (
        'Sin barra de progreso ni tablas.',
        'No progress bar and no tables.',
    ),
    'opt.run_shipped': (
        'Carpeta de una ejecución; sin ella se usa el modelo incluido (ver «aprende weights list»).',
        "A run folder; without it the shipped model is used (see 'aprende weights list').",
    ),
    'opt.run': (
        'Carpeta de una ejecución entrenada (runs/<lab>/<nombre>).',
        'Folder of a trained run (runs/<lab>/<name>).',
    ),
    'device.no_cuda': (
        'Se pidió --device cuda pero PyTorch no ve ninguna GPU. Usa --device cpu o --device auto.',
        '--device cuda was asked for but PyTorch sees no GPU. Use --device cpu or --device auto.',
    ),
    'device.unknown': (
        'Dispositivo desconocido «{name}». Usa auto, cpu o cuda.',
        'Unknown device "{name}". Use auto, cpu or cuda.',
    ),
    'device.bad_precision': (
        'Precisión desconocida «{precision}». Usa auto, fp32 o bf16.',
        'Unknown precision "{precision}". Use auto, fp32 or bf16.',
    ),
    'train.bad_optimizer': (
        'Optimizador desconocido «{name}». Elige uno de: {choices}.',
        'Unknown optimiser "{name}". Choose one of: {choices}.',
    ),
    'train.bad_scheduler': (
        'Programa de tasa de aprendizaje desconocido «{name}». Elige uno de: {choices}.',
        'Unknown learning-rate schedule "{name}". Choose one of: {choices}.',
    ),
    'train.nan': (
        'La pérdida se volvió infinita o NaN en la época {epoch}. Prueba con una --lr menor.',
        'The loss became infinite or NaN in epoch {epoch}. Try a smaller --lr.',
    ),
    'train.progress': (
        'entrenando',
        'training',
    ),
    'run.not_found': (
        'No existe la carpeta de ejecución {path}. Indica una carpeta creada por «train» (runs/<lab>/<nombre>).',
        'The run folder {path} does not exist. Give a folder written by "train" (runs/<lab>/<name>).',
    ),
    'run.not_a_run': (
        '{path} no es una carpeta de ejecución de aprende (falta config.yaml).',
        '{path} is not an aprende run folder (config.yaml is missing).',
    ),
    'run.wrong_lab': (
        '{path} es una ejecución del laboratorio «{lab}», no de «{expected}».',
        '{path} is a run of the "{lab}" lab, not "{expected}".',
    ),
    'run.exists': (
        'La ejecución {path} ya existe. Elige otro --name o usa --resume {path}.',
        'The run {path} already exists. Choose another --name or use --resume {path}.',
    ),
    'run.symlink': (
        '{path} es un enlace simbólico: aprende no escribe una ejecución a través de un enlace. Elige otro --name.',
        '{path} is a symbolic link: aprende does not write a run through a link. Choose another --name.',
    ),
    'train.bad_monitor': (
        'La métrica vigilada «{name}» no existe en esta ejecución. Elige una de: {choices}.',
        'The monitored metric "{name}" does not exist in this run. Choose one of: {choices}.',
    ),
    'run.bad_name': (
        'Nombre de ejecución no válido «{name}»: usa letras, números, guiones, puntos o guiones bajos (ni «.» ni «..» solos).',
        'Invalid run name "{name}": use letters, digits, dashes, dots or underscores (not "." or ".." alone).',
    ),
    'run.missing_file': (
        'Falta el archivo {path}. ¿Se interrumpió el entrenamiento? Vuelve a entrenar o usa --resume.',
        'The file {path} is missing. Was training interrupted? Train again or use --resume.',
    ),
    'run.bad_file': (
        'El archivo {path} está dañado o no es válido. Vuelve a entrenar esa ejecución.',
        'The file {path} is damaged or invalid. Train that run again.',
    ),
    'ckpt.missing': (
        'No existe el archivo de pesos {path}.',
        'The weights file {path} does not exist.',
    ),
    'ckpt.not_ours': (
        '{path} no es un archivo de pesos de aprende (safetensors con nuestra etiqueta). No se carga.',
        '{path} is not an aprende weights file (safetensors with our tag). It is not loaded.',
    ),
    'ckpt.not_state': (
        '{path} contiene solo pesos, no un estado de entrenamiento; no se puede reanudar desde él.',
        '{path} holds only weights, not a training state; a run cannot resume from it.',
    ),
    'ckpt.mismatch': (
        'Los pesos de {path} no encajan con la arquitectura descrita en model.json.',
        'The weights in {path} do not fit the architecture described in model.json.',
    ),
    'plot.epoch': (
        'época',
        'epoch',
    ),
    'plot.loss': (
        'pérdida',
        'loss',
    ),
    'plot.metrics': (
        'métricas de validación',
        'validation metrics',
    ),
    'plot.series.train_loss': (
        'pérdida de entrenamiento',
        'training loss',
    ),
    'plot.series.val_loss': (
        'pérdida de validación',
        'validation loss',
    ),
    'plot.series.val_mae': (
        'MAE de validación',
        'validation MAE',
    ),
    'plot.series.val_accuracy': (
        'acierto de validación',
        'validation accuracy',
    ),
    'plot.series.val_perplexity': (
        'perplejidad de validación',
        'validation perplexity',
    ),
    'plot.series.map50': (
        'mAP@0,5',
        'mAP@0.5',
    ),
    'plot.series.map50_95': (
        'mAP@0,5:0,95',
        'mAP@0.5:0.95',
    ),
    'plot.actual': (
        'real',
        'actual',
    ),
    'plot.units': (
        'unidades',
        'units',
    ),
    'plot.history': (
        'historia',
        'history',
    ),
    'plot.forecast': (
        'pronóstico',
        'forecast',
    ),
    'plot.band': (
        'intervalo {level} %',
        '{level} % interval',
    ),
    'image.empty': (
        'La imagen {path} está vacía (0 bytes). Bórrala o sustitúyela (al entrenar con una carpeta, --skip-bad la salta).',
        'The image {path} is empty (0 bytes). Delete or replace it (when training on a folder, --skip-bad skips it).',
    ),
    'image.too_large': (
        '{path} mide {width}×{height} píxeles, más de los {limit} que se aceptan. Redúcela (por ejemplo a 4000 píxeles de lado) o usa otra.',
        '{path} is {width}×{height} pixels, more than the {limit} accepted. Shrink it (for example to 4000 pixels a side) or use another.',
    ),
    'image.missing': (
        'No existe la imagen {path}. Revisa la ruta.',
        'The image {path} does not exist. Check the path.',
    ),
    'image.corrupt': (
        'La imagen {path} está dañada y no se puede leer. Bórrala o sustitúyela (al entrenar con una carpeta, --skip-bad la salta).',
        'The image {path} is damaged and cannot be read. Delete or replace it (when training on a folder, --skip-bad skips it).',
    ),
    'image.not_image': (
        '{path} no es una imagen en un formato admitido (PNG, JPEG, BMP, GIF, TIFF o WebP). Conviértela o sácala de la carpeta (al entrenar con una carpeta, --skip-bad la salta).',
        '{path} is not an image in an accepted format (PNG, JPEG, BMP, GIF, TIFF or WebP). Convert it or move it out of the folder (when training on a folder, --skip-bad skips it).',
    ),
    'train.plan.clock': (
        'Épocas: las que quepan en {seconds:.0f} s (--max-time); la tasa de aprendizaje sigue al reloj. Con --epochs fijas otro número.',
        'Epochs: as many as fit in {seconds:.0f} s (--max-time); the learning rate follows the clock. --epochs sets a number instead.',
    ),
    'train.plan.data': (
        'Épocas: {epochs}, para dar unos {steps} pasos con {per_epoch} {per_epoch:plural:lote|lotes} por época (cuantos menos datos, más pasadas). Con --epochs o --max-time eliges tú.',
        'Epochs: {epochs}, to take about {steps} steps at {per_epoch} {per_epoch:plural:batch|batches} an epoch (the less data, the more passes). --epochs or --max-time choose instead.',
    ),
    'opt.ema': (
        'Evalúa y guarda una media móvil exponencial de los pesos (más estable). Por defecto, lo que elija el laboratorio.',
        'Evaluate and save an exponential moving average of the weights (steadier). By default, what the lab chooses.',
    ),
    'settings.bad_range': (
        'El valor {value} de {option} está fuera de su rango ({range}). Elige uno dentro del rango.',
        'The value {value} of {option} is out of its range ({range}). Choose one within the range.',
    ),
    'settings.bad_choice': (
        'El valor {value} de {option} no es una de las opciones ({choices}).',
        'The value {value} of {option} is not one of the choices ({choices}).',
    ),
    'settings.bad_text': (
        'No se entiende «{value}».',
        'Cannot read "{value}".',
    ),
    'cli.commands': (
        'Órdenes',
        'Commands',
    ),
    'budget.folder_pixels': (
        '{path}: las imágenes suman {n} píxeles decodificados; el límite es {limit}. Usa menos imágenes o más pequeñas.',
        '{path}: the images add up to {n} decoded pixels; the limit is {limit}. Use fewer or smaller images.',
    ),
    'budget.image_values': (
        '{path}: {images} imágenes de {size} ocuparían {n} bytes en memoria; el límite es {limit}. Elige un tamaño menor con --img-size (por ejemplo 64 o 96x128).',
        '{path}: {images} images of {size} would take {n} bytes of memory; the limit is {limit}. Pick a smaller size with --img-size (for example 64 or 96x128).',
    ),
    'budget.train_params': (
        '{path}: con estas opciones el modelo tendría {n} parámetros; el límite es {limit}. Usa imágenes más pequeñas (--img-size) o una red más pequeña.',
        '{path}: with these options the model would have {n} parameters; the limit is {limit}. Use smaller images (--img-size) or a smaller network.',
    ),
    'budget.boxes': (
        '{path}: el conjunto tiene {n} cajas; el límite es {limit}. Divide el conjunto en partes más pequeñas.',
        '{path}: the data set has {n} boxes; the limit is {limit}. Split it into smaller parts.',
    ),
    'budget.boxes_per_image': (
        '{path}: tiene {n} cajas en una imagen; el límite es {limit}. Revisa ese archivo de etiquetas.',
        '{path}: it has {n} boxes in one image; the limit is {limit}. Check that label file.',
    ),
    'budget.classes': (
        '{path}: hay {n} clases; el límite es {limit}. Revisa la lista de clases.',
        '{path}: there are {n} classes; the limit is {limit}. Check the list of classes.',
    ),
    'budget.series_days': (
        '{path}: {series} series × {days} días son {n} celdas; el límite es {limit}. Usa menos series o menos días.',
        '{path}: {series} series × {days} days make {n} cells; the limit is {limit}. Use fewer series or fewer days.',
    ),
    'budget.series': (
        '{path}: tiene {n} series distintas; el límite es {limit}. Revisa la columna de identificadores.',
        '{path}: it has {n} distinct series; the limit is {limit}. Check the id column.',
    ),
    'budget.csv_rows': (
        '{path}: tiene {n} filas; el límite es {limit}. Usa un CSV más corto (menos días o menos series).',
        '{path}: it has {n} rows; the limit is {limit}. Use a shorter CSV (fewer days or fewer series).',
    ),
    'budget.text_bytes': (
        '{path}: el archivo ocupa al menos {n} bytes; el límite es {limit}. Usa un archivo más pequeño.',
        '{path}: the file holds at least {n} bytes; the limit is {limit}. Use a smaller file.',
    ),
    'budget.xml_bytes': (
        '{path}: la anotación ocupa {n} bytes; el límite es {limit}. Una anotación VOC es de una imagen: revisa ese archivo.',
        '{path}: the annotation holds {n} bytes; the limit is {limit}. A VOC annotation is for one image: check that file.',
    ),
    'budget.run_file_bytes': (
        '{path}: el archivo ocupa {n} bytes, demasiado para un archivo de una ejecución (límite {limit}). La carpeta está dañada: vuelve a entrenar.',
        "{path}: the file holds {n} bytes, too many for a run's file (limit {limit}). The folder is damaged: train again.",
    ),
    'budget.params': (
        '{path}: describe un modelo de {n} parámetros; el límite es {limit}. La carpeta está dañada o no es de aprende.',
        "{path}: it describes a model of {n} parameters; the limit is {limit}. The folder is damaged or not aprende's.",
    ),
    'budget.img_size': (
        '{path}: pide imágenes de {n} píxeles de lado; el límite es {limit}. La carpeta está dañada: vuelve a entrenar.',
        '{path}: it asks for images {n} pixels wide; the limit is {limit}. The folder is damaged: train again.',
    ),
    'budget.members': (
        '{path}: pide {n} miembros; el límite es {limit}. La carpeta está dañada: vuelve a entrenar.',
        '{path}: it asks for {n} members; the limit is {limit}. The folder is damaged: train again.',
    ),
    'budget.layers': (
        '{path}: pide {n} capas; el límite es {limit}. La carpeta está dañada: vuelve a entrenar.',
        '{path}: it asks for {n} layers; the limit is {limit}. The folder is damaged: train again.',
    ),
    'budget.heads': (
        '{path}: pide {n} cabezas de atención; el límite es {limit}. La carpeta está dañada: vuelve a entrenar.',
        '{path}: it asks for {n} attention heads; the limit is {limit}. The folder is damaged: train again.',
    ),
    'budget.width': (
        '{path}: el valor {field} = {n} supera el límite de {limit}. La carpeta está dañada: vuelve a entrenar.',
        '{path}: the value {field} = {n} is over the limit of {limit}. The folder is damaged: train again.',
    ),
    'run.bad_value': (
        '{path}: el valor {field} = {value} no es válido (debe ser al menos {least}). La carpeta está dañada: vuelve a entrenar.',
        '{path}: the value {field} = {value} is not valid (it must be at least {least}). The folder is damaged: train again.',
    ),
    'text.missing': (
        'No encuentro el archivo {path}.',
        'Cannot find the file {path}.',
    ),
    'text.not_utf8': (
        '{path} no está en UTF-8 (línea {line}, byte {byte}). Guárdalo como UTF-8 y vuelve a intentarlo.',
        '{path} is not UTF-8 (line {line}, byte {byte}). Save it as UTF-8 and try again.',
    ),
    'text.binary': (
        '{path} no es texto: tiene bytes nulos o de control (línea {line}). Usa un archivo de texto.',
        '{path} is not text: it holds NUL or control bytes (line {line}). Use a text file.',
    ),
    'walk.newline': (
        'En {path} hay un nombre con un salto de línea ({name}). Cámbiale el nombre y vuelve a intentarlo.',
        'In {path} a name holds a line break ({name}). Rename it and try again.',
    ),
    'walk.too_deep': (
        '{path} tiene carpetas anidadas a más de {depth} niveles. Aplana la carpeta de datos.',
        '{path} has folders nested more than {depth} levels deep. Flatten the data folder.',
    ),
    'run.bad_name_bytes': (
        'En {path} hay un nombre que no es UTF-8 ({name}). Cámbiale el nombre y vuelve a intentarlo.',
        'In {path} a name is not UTF-8 ({name}). Rename it and try again.',
    ),
}
