"""Messages of the YOLO detection lab: Spanish first, English beside it, so the two cannot drift."""

MESSAGES = {
    'detect.no_folder': (
        'No existe la carpeta {path}.',
        'The folder {path} does not exist.',
    ),
    'detect.unknown_format': (
        'No reconozco el formato de {path}: se espera annotations/*.xml (Pascal VOC) o images/ + labels/*.txt (YOLO). Indícalo con --format voc|yolo.',
        'I do not recognise the format of {path}: expected annotations/*.xml (Pascal VOC) or images/ + labels/*.txt (YOLO). Name it with --format voc|yolo.',
    ),
    'detect.no_annotations': (
        'No hay anotaciones .xml en {path}.',
        'There are no .xml annotations in {path}.',
    ),
    'detect.no_images': (
        'No hay imágenes en {path}.',
        'There are no images in {path}.',
    ),
    'detect.no_objects': (
        'Ninguna imagen de {path} tiene objetos anotados; hace falta al menos una caja.',
        'No image in {path} has annotated objects; at least one box is needed.',
    ),
    'detect.no_class_names': (
        '{path}: faltan los nombres de las clases. Añade classes.txt (un nombre por línea) o data.yaml (names: [...]).',
        '{path}: the class names are missing. Add classes.txt (one name a line) or data.yaml (names: [...]).',
    ),
    'detect.bad_yaml': (
        '{path}: no se entiende; se espera «names:» con una lista de clases.',
        '{path}: cannot be understood; expected «names:» with a list of classes.',
    ),
    'detect.image_empty': (
        'La imagen {path} está vacía (0 bytes). Bórrala o sustitúyela.',
        'The image {path} is empty (0 bytes). Delete or replace it.',
    ),
    'detect.image_corrupt': (
        'La imagen {path} está dañada y no se puede leer. Bórrala o sustitúyela.',
        'The image {path} is damaged and cannot be read. Delete or replace it.',
    ),
    'detect.image_too_big': (
        '{path} mide {width}×{height} píxeles, más de los {limit} que se aceptan. Redúcela (por ejemplo a 4000 píxeles de lado) o sácala de la carpeta.',
        '{path} is {width}×{height} pixels, more than the {limit} accepted. Shrink it (for example to 4000 pixels a side) or move it out of the folder.',
    ),
    'detect.xml_bad': (
        '{path}: el XML está mal formado ({reason}). Corrígelo o sácalo de la carpeta.',
        '{path}: the XML is malformed ({reason}). Fix it or move it out of the folder.',
    ),
    'detect.xml_forbidden': (
        '{path}: el XML declara un DTD o entidades ({reason}); no se aceptan por seguridad (entidades externas, «billion laughs»). Quita la declaración <!DOCTYPE …>.',
        '{path}: the XML declares a DTD or entities ({reason}); they are refused for safety (external entities, billion laughs). Remove the <!DOCTYPE …> declaration.',
    ),
    'detect.xml_not_voc': (
        '{path}: no es una anotación Pascal VOC (la raíz es <{tag}>, se espera <annotation>).',
        '{path}: not a Pascal VOC annotation (the root is <{tag}>, expected <annotation>).',
    ),
    'detect.xml_missing': (
        '{path}, objeto {obj}: falta <{tag}>. Corrige la anotación.',
        '{path}, object {obj}: <{tag}> is missing. Fix the annotation.',
    ),
    'detect.xml_number': (
        '{path}, objeto {obj}: «{value}» en <{tag}> no es un número.',
        '{path}, object {obj}: «{value}» in <{tag}> is not a number.',
    ),
    'detect.no_image_for': (
        '{path}: no hay imagen para esta anotación ({name} en {folder}). Añade la imagen o borra la anotación.',
        '{path}: there is no image for this annotation ({name} in {folder}). Add the image or delete the annotation.',
    ),
    'detect.unknown_class': (
        '{path}, objeto {obj}: la clase «{name}» no está en {source} ({choices}). Añádela o corrige la etiqueta.',
        '{path}, object {obj}: the class «{name}» is not in {source} ({choices}). Add it or fix the label.',
    ),
    'detect.box_empty': (
        '{path}, objeto {obj} («{name}»): la caja ({box}) tiene ancho o alto cero o negativo. Corrígela o bórrala.',
        '{path}, object {obj} («{name}»): the box ({box}) has zero or negative width or height. Fix or delete it.',
    ),
    'detect.box_outside': (
        '{path}, objeto {obj} («{name}»): la caja ({box}) queda fuera de la imagen ({w}x{h}). Corrígela o bórrala.',
        '{path}, object {obj} («{name}»): the box ({box}) lies outside the image ({w}x{h}). Fix or delete it.',
    ),
    'detect.box_clipped': (
        '{path}, objeto {obj} («{name}»): la caja ({box}) se sale de la imagen ({w}x{h}); se recorta al borde.',
        '{path}, object {obj} («{name}»): the box ({box}) sticks out of the image ({w}x{h}); clipped to the edge.',
    ),
    'detect.size_mismatch': (
        '{path}: el XML dice {xml_w}x{xml_h} pero la imagen mide {w}x{h}; se usa el tamaño de la imagen.',
        "{path}: the XML says {xml_w}x{xml_h} but the image is {w}x{h}; the image's size is used.",
    ),
    'detect.yolo_bad_line': (
        '{path}, línea {line}: se esperan 5 valores «clase cx cy ancho alto» y hay «{text}».',
        '{path}, line {line}: expected 5 values «class cx cy width height», got «{text}».',
    ),
    'detect.not_detection': (
        '«{name}» no es un conjunto de detección (es del laboratorio «{lab}»). Usa --dataset lego o --data CARPETA.',
        '«{name}» is not a detection data set (it belongs to the «{lab}» lab). Use --dataset lego or --data FOLDER.',
    ),
    'detect.help': (
        'Detección de objetos con YOLO (artículo «Detección de Objetos con Python»).',
        'Object detection with YOLO (article «Detección de Objetos con Python»).',
    ),
    'detect.opt.data': (
        'Carpeta anotada: Pascal VOC (annotations/*.xml + images/) o YOLO (images/ + labels/*.txt + classes.txt o data.yaml).',
        'Annotated folder: Pascal VOC (annotations/*.xml + images/) or YOLO (images/ + labels/*.txt + classes.txt or data.yaml).',
    ),
    'detect.opt.dataset': (
        'Conjunto con nombre (por defecto lego, generado la primera vez).',
        'Named data set (default lego, generated on first use).',
    ),
    'detect.opt.format': (
        'Formato de --data: voc o yolo (por defecto, se deduce de la carpeta).',
        'Format of --data: voc or yolo (default: guessed from the folder).',
    ),
    'detect.opt.k': (
        'Número de anclas (por defecto {default}).',
        'Number of anchors (default {default}).',
    ),
    'detect.opt.img_size': (
        'Tamaño de entrada de la red en píxeles, múltiplo de 32 (por defecto {default}).',
        'Network input size in pixels, a multiple of 32 (default {default}).',
    ),
    'detect.bad_size': (
        '{value} no vale como tamaño de entrada: debe ser un múltiplo de 32 (p. ej. 320 o 416).',
        '{value} is not a valid input size: it must be a multiple of 32 (e.g. 320 or 416).',
    ),
    'detect.anchors.help': (
        'Calcula anclas con k-means y distancia 1 − IoU; las imprime en píxeles y en celdas y dibuja los grupos.',
        'Computes anchors by k-means with 1 − IoU distance; prints them in pixels and grid cells and plots the clusters.',
    ),
    'detect.anchors.too_few': (
        'Hay {n} {n:plural:caja distinta|cajas distintas} y hacen falta al menos {k} para {k} {k:plural:ancla|anclas}. Reduce -k o anota más objetos.',
        'There {n:plural:is|are} {n} distinct {n:plural:box|boxes} and {k} {k:plural:anchor needs|anchors need} at least {k}. Lower -k or annotate more objects.',
    ),
    'detect.anchors.title': (
        '{k} {k:plural:ancla|anclas} de {n} {n:plural:caja|cajas} (entrada {size}x{size})',
        '{k} {k:plural:anchor|anchors} from {n} {n:plural:box|boxes} (input {size}x{size})',
    ),
    'detect.col.anchor': (
        'ancla',
        'anchor',
    ),
    'detect.col.px': (
        'ancho x alto (px)',
        'width x height (px)',
    ),
    'detect.col.grid': (
        'en celdas de {stride} px',
        'in {stride}-px cells',
    ),
    'detect.col.boxes': (
        'cajas',
        'boxes',
    ),
    'detect.anchors.mean_iou': (
        'IoU media de cada caja con su mejor ancla: {iou:.3f} ({k} {k:plural:caja elegida|cajas elegidas} al azar: {random:.3f}).',
        'Mean IoU of each box with its best anchor: {iou:.3f} ({k} {k:plural:box|boxes} picked at random: {random:.3f}).',
    ),
    'detect.anchors.done': (
        'Anclas y gráfico en {path}',
        'Anchors and plot in {path}',
    ),
    'detect.plot.anchor': (
        'anclas',
        'anchors',
    ),
    'detect.plot.width': (
        'ancho (px, entrada {size})',
        'width (px, input {size})',
    ),
    'detect.plot.height': (
        'alto (px, entrada {size})',
        'height (px, input {size})',
    ),
    'detect.plot.anchors_title': (
        '{k} {k:plural:ancla|anclas}, IoU media {iou:.3f}',
        '{k} {k:plural:anchor|anchors}, mean IoU {iou:.3f}',
    ),
    'detect.plot.recall': (
        'exhaustividad (recall)',
        'recall',
    ),
    'detect.plot.precision': (
        'precisión',
        'precision',
    ),
    'detect.plot.pr_title': (
        'Precisión–exhaustividad con IoU 0,5 (mAP50 {map50:.3f})',
        'Precision–recall at IoU 0.5 (mAP50 {map50:.3f})',
    ),
    'detect.bad_model_size': (
        'No conozco el tamaño de modelo «{name}». Disponibles: {choices}.',
        'Unknown model size «{name}». Available: {choices}.',
    ),
    'detect.too_few_images': (
        '{path} tiene {n} {n:plural:imagen|imágenes}; hacen falta al menos 2 (entrenamiento y validación).',
        '{path} has {n} {n:plural:image|images}; at least 2 are needed (training and validation).',
    ),
    'detect.data_summary': (
        '{path}: {n} {n:plural:imagen|imágenes}, {boxes} {boxes:plural:caja|cajas}, {k} {k:plural:clase|clases}; {train} para entrenar y {val} para validar.',
        '{path}: {n} {n:plural:image|images}, {boxes} {boxes:plural:box|boxes}, {k} {k:plural:class|classes}; {train} to train and {val} to validate.',
    ),
    'detect.split_missing': (
        'La imagen {path} de la validación de esta ejecución ya no está. Usa --data con otra carpeta anotada.',
        "The image {path} of this run's validation set is gone. Use --data with another annotated folder.",
    ),
    'detect.classes_differ': (
        '{path} tiene clases que el modelo no conoce ({names}); el modelo conoce: {known}.',
        '{path} has classes the model does not know ({names}); the model knows: {known}.',
    ),
    'detect.train.help': (
        'Entrena un detector YOLO (anclas por k-means, pérdida YOLOv2) y lo evalúa con mAP en validación.',
        'Trains a YOLO detector (k-means anchors, YOLOv2 loss) and evaluates it by mAP on validation.',
    ),
    'detect.evaluate.help': (
        'mAP@0.5 y mAP@0.5:0.95 de una ejecución en su validación o en otra carpeta anotada (--data).',
        'mAP@0.5 and mAP@0.5:0.95 of a run on its validation set or another annotated folder (--data).',
    ),
    'detect.opt.model': (
        'Tamaño de la red: tiny o small (por defecto {default}).',
        'Network size: tiny or small (default {default}).',
    ),
    'detect.opt.width': (
        'Multiplicador del ancho (canales) de la red (por defecto {default}).',
        'Width (channel) multiplier of the network (default {default}).',
    ),
    'detect.opt.eval_data': (
        'Otra carpeta anotada (p. ej. un conjunto de prueba); por defecto, la validación de la ejecución.',
        "Another annotated folder (e.g. a test set); by default the run's validation set.",
    ),
    'detect.col.class': (
        'clase',
        'class',
    ),
    'detect.col.ap50': (
        'AP50',
        'AP50',
    ),
    'detect.col.ap50_95': (
        'AP50-95',
        'AP50-95',
    ),
    'detect.table.title': (
        'Precisión media por clase (validación)',
        'Average precision per class (validation)',
    ),
    'detect.map': (
        'mAP@0.5 = {map50:.3f}   mAP@0.5:0.95 = {map50_95:.3f}',
        'mAP@0.5 = {map50:.3f}   mAP@0.5:0.95 = {map50_95:.3f}',
    ),
    'detect.train.done': (
        'Ejecución en {run} (pesos, results.csv, pr_curve.png, val_predictions.jpg).',
        'Run in {run} (weights, results.csv, pr_curve.png, val_predictions.jpg).',
    ),
    'detect.evaluate.done': (
        'Gráficos y metrics.json en {path}',
        'Plots and metrics.json in {path}',
    ),
    'detect.no_source': (
        'No existe {path}.',
        '{path} does not exist.',
    ),
    'detect.not_image_source': (
        '{path} no es una imagen ni un vídeo (.mp4, .avi, .mov, .mkv…). Para una cámara usa su número, p. ej. --source 0.',
        '{path} is neither an image nor a video (.mp4, .avi, .mov, .mkv…). For a camera use its number, e.g. --source 0.',
    ),
    'detect.bad_threshold': (
        'Los umbrales deben estar entre 0 y 1 (--conf {conf}, --iou {iou}).',
        'Thresholds must lie between 0 and 1 (--conf {conf}, --iou {iou}).',
    ),
    'detect.predict.help': (
        'Detecta objetos en una imagen, una carpeta, un vídeo o una cámara (--source 0): copias anotadas y detections.json (detections.jsonl, una línea por fotograma, en vídeo y cámara) en runs/detect/<nombre>.',
        'Detects objects in an image, a folder, a video or a camera (--source 0): annotated copies and detections.json (detections.jsonl, a line per frame, for video and camera) in runs/detect/<name>.',
    ),
    'detect.opt.source': (
        'Imagen, carpeta de imágenes, vídeo (.mp4, .avi…) o número de cámara (0, 1…).',
        'An image, a folder of images, a video (.mp4, .avi…) or a camera number (0, 1…).',
    ),
    'detect.opt.conf': (
        'Puntuación mínima de una detección, 0–1 (por defecto {default}).',
        'Lowest score of a detection, 0–1 (default {default}).',
    ),
    'detect.opt.iou': (
        'IoU a partir de la cual NMS elimina una caja repetida de la misma clase, 0–1 (por defecto {default}).',
        'IoU above which NMS removes a repeated box of the same class, 0–1 (default {default}).',
    ),
    'detect.predict.done': (
        '{images} {images:plural:imagen|imágenes}, {boxes} {boxes:plural:objeto|objetos}, {fps:.1f} imágenes/s ({runtime}); resultados en {path}',
        '{images} {images:plural:image|images}, {boxes} {boxes:plural:object|objects}, {fps:.1f} images/s ({runtime}); results in {path}',
    ),
    'detect.opt.run': (
        'Carpeta de una ejecución entrenada (runs/detect/<nombre>); por defecto, el detector que viene con el paquete.',
        'Folder of a trained run (runs/detect/<name>); by default, the detector that ships with the package.',
    ),
    'detect.opt.weights': (
        'Pesos a usar en lugar de --run: un model.onnx exportado (se ejecuta con ONNX Runtime) o un best.safetensors.',
        'Weights to use instead of --run: an exported model.onnx (run with ONNX Runtime) or a best.safetensors.',
    ),
    'detect.opt.max_frames': (
        'Procesa como mucho este número de fotogramas de un vídeo o una cámara.',
        'Process at most this many frames of a video or a camera.',
    ),
    'detect.run_or_weights': (
        'Usa --run o --weights, no los dos.',
        'Use --run or --weights, not both.',
    ),
    'detect.video.done': (
        '{frames} {frames:plural:fotograma|fotogramas}, {boxes} {boxes:plural:objeto|objetos}, {fps:.1f} fotogramas/s en total ({net_fps:.1f} solo la red, {runtime}); vídeo anotado y detections.jsonl en {path}',
        '{frames} {frames:plural:frame|frames}, {boxes} {boxes:plural:object|objects}, {fps:.1f} frames/s overall ({net_fps:.1f} for the network alone, {runtime}); annotated video and detections.jsonl in {path}',
    ),
    'detect.export.help': (
        'Exporta los mejores pesos de una ejecución a ONNX (model.onnx con clases, anclas y tamaño en sus metadatos).',
        "Exports a run's best weights to ONNX (model.onnx with classes, anchors and size in its metadata).",
    ),
    'detect.opt.export_format': (
        'Formato de exportación (por ahora, onnx).',
        'Export format (onnx for now).',
    ),
    'detect.opt.export_out': (
        'Archivo de salida (por defecto RUN/weights/model.onnx).',
        'Output file (default RUN/weights/model.onnx).',
    ),
    'detect.export.done': (
        'Modelo ONNX en {path}. Úsalo con: aprende detect predict --weights {path} --source IMAGEN',
        'ONNX model in {path}. Use it with: aprende detect predict --weights {path} --source IMAGE',
    ),
    'detect.onnx_bad': (
        '{path} no es un modelo ONNX válido. Vuelve a exportarlo con «aprende detect export».',
        '{path} is not a valid ONNX model. Export it again with «aprende detect export».',
    ),
    'detect.onnx_no_meta': (
        '{path} no lleva los metadatos de aprende (clases, anclas, tamaño). Expórtalo con «aprende detect export».',
        "{path} lacks aprende's metadata (classes, anchors, size). Export it with «aprende detect export».",
    ),
    'detect.bad_weights': (
        '{path}: --weights espera un archivo .onnx o .safetensors.',
        '{path}: --weights expects an .onnx or .safetensors file.',
    ),
    'detect.no_camera': (
        'No se puede abrir la cámara {index}. Comprueba que está conectada y libre, o prueba otro número (--source 0, 1…).',
        'Cannot open camera {index}. Check that it is connected and not in use, or try another number (--source 0, 1…).',
    ),
    'detect.video_unreadable': (
        'No se puede leer el vídeo {path}: está dañado o su formato no es compatible. Prueba con otro archivo o conviértelo a .mp4.',
        'Cannot read the video {path}: it is damaged or its format is not supported. Try another file or convert it to .mp4.',
    ),
    'detect.video_write': (
        'No se puede escribir el vídeo {path}. Comprueba que la carpeta admite escritura.',
        'Cannot write the video {path}. Check that the folder is writable.',
    ),
    'detect.no_window': (
        'Este OpenCV no puede abrir ventanas (versión headless); solo se escribe el vídeo anotado.',
        'This OpenCV cannot open windows (headless build); only the annotated video is written.',
    ),
    'detect.no_split': (
        'Falta {path} y las clases no son las de lego: indica con --data una carpeta anotada para evaluar.',
        "{path} is missing and the classes are not lego's: name an annotated folder to evaluate on with --data.",
    ),
    'detect.eval_heldout': (
        'Esta ejecución no guarda su validación: se evalúa con {n} {n:plural:escena lego nueva|escenas lego nuevas} (semilla {seed}), que ningún entrenamiento ha visto.',
        'This run keeps no validation split: it is scored on {n} new lego {n:plural:scene|scenes} (seed {seed}) that no training has seen.',
    ),
    'detect.two_annotations': (
        '{path} y {other} anotan la misma imagen ({image}). Deja solo uno de los dos.',
        '{path} and {other} both annotate the same image ({image}). Keep only one of them.',
    ),
    'detect.not_utf8': (
        '{path}, línea {line}: el archivo no está en UTF-8. Guárdalo como UTF-8 (o declara su codificación en el XML).',
        '{path}, line {line}: the file is not UTF-8. Save it as UTF-8 (or declare its encoding in the XML).',
    ),
    'detect.xml_not_finite': (
        '{path}, objeto {obj}: <{tag}> vale «{value}», que no es un número finito. Escribe el valor en píxeles.',
        '{path}, object {obj}: <{tag}> is «{value}», which is not a finite number. Write the value in pixels.',
    ),
    'detect.box_not_finite': (
        '{path}, objeto {obj} («{name}»): la caja ({box}) tiene valores que no son números finitos (nan o inf). Corrígela o bórrala.',
        '{path}, object {obj} («{name}»): the box ({box}) holds values that are not finite numbers (nan or inf). Fix or delete it.',
    ),
    'detect.frame_too_large': (
        '{path}: los fotogramas miden {width}×{height} píxeles, más de los {limit} que se aceptan. Reduce el vídeo (por ejemplo a 1920×1080).',
        '{path}: its frames are {width}×{height} pixels, more than the {limit} accepted. Scale the video down (for example to 1920×1080).',
    ),
    'detect.frame_skipped': (
        'Fotograma {frame} omitido: mide {width}×{height} y el vídeo empezó en {w}×{h}.',
        'Frame {frame} skipped: it is {width}×{height} and the video started at {w}×{h}.',
    ),
    'detect.frame_too_large_skipped': (
        'Fotograma {frame} omitido: mide {width}×{height} píxeles, más de los {limit} que se aceptan.',
        'Frame {frame} skipped: it is {width}×{height} pixels, more than the {limit} accepted.',
    ),
    'detect.frames_skipped': (
        'En total se omitieron {n} {n:plural:fotograma|fotogramas}.',
        'In all, {n} {n:plural:frame was|frames were} skipped.',
    ),
    'detect.video_stopped': (
        'Detenido en el fotograma {frame}: {path} tiene las detecciones de {n} {n:plural:fotograma|fotogramas}, y el vídeo anotado llega hasta ahí.',
        'Stopped at frame {frame}: {path} holds the detections of {n} {n:plural:frame|frames}, and the annotated video goes up to there.',
    ),
    'detect.opt.name': (
        'Nombre de la carpeta de salida en <project>/detect/ (por defecto {base}, {base}2, …).',
        'Name of the output folder in <project>/detect/ (default {base}, {base}2, …).',
    ),
    'detect.bad_scales': (
        '{value} no vale como número de escalas de salida: elige 1 (rejilla de 32 px), 2 (16 y 32) o 3 (8, 16 y 32).',
        '{value} is not a valid number of output scales: choose 1 (32-px grid), 2 (16 and 32) or 3 (8, 16 and 32).',
    ),
    'detect.bad_fraction': (
        '--mosaic {mosaic} y --close-mosaic {close} deben estar entre 0 y 1 (una fracción del entrenamiento).',
        '--mosaic {mosaic} and --close-mosaic {close} must be between 0 and 1 (a share of the training).',
    ),
    'detect.opt.scales': (
        'Escalas de salida: 1 (rejilla de 32 px, la del artículo), 2 o 3 (añade 16 y 8 px con una pirámide de '
        'características, para objetos pequeños) (por defecto {default}).',
        'Output scales: 1 (32-px grid, the article\'s), 2 or 3 (adds 16 and 8 px with a feature pyramid, for small '
        'objects) (default {default}).',
    ),
    'detect.opt.mosaic': (
        'Fracción de imágenes de entrenamiento hechas de cuatro (mosaico) (por defecto {default}).',
        'Share of training images made of four (mosaic) (default {default}).',
    ),
    'detect.opt.close_mosaic': (
        'Fracción final del entrenamiento sin mosaico, con imágenes enteras (por defecto {default}).',
        'Final share of the training without mosaic, on whole images (default {default}).',
    ),
    'detect.opt.multi_anchor': (
        'Cada caja la aprenden también las anclas parecidas y las dos celdas vecinas más cercanas (YOLOv5).',
        'Each box is also learnt by similar anchors and the two nearest neighbouring cells (YOLOv5).',
    ),
    'detect.opt.iou_obj': (
        'La confianza aprende el IoU que alcanza su caja, no 1 (objectness consciente del IoU).',
        'Objectness learns the IoU its box reaches, not 1 (IoU-aware objectness).',
    ),
    'detect.opt.tile': (
        'Corta las imágenes mayores que la entrada en teselas solapadas a resolución completa, para entrenar y '
        'predecir (fotos aéreas, escaneos).',
        'Cut images larger than the input into overlapping full-resolution tiles, to train and predict (aerial '
        'photos, scans).',
    ),
    'detect.opt.anchor_scales': (
        'Escalas de salida entre las que se reparten las anclas, como en `detect train` (por defecto {default}).',
        'Output scales the anchors are shared among, as in `detect train` (default {default}).',
    ),
    'detect.col.stride': (
        'rejilla',
        'grid',
    ),
    'detect.tiles': (
        '{n} {n:plural:imagen|imágenes} cortadas en {tiles} {tiles:plural:tesela|teselas} de {size} px.',
        '{n} {n:plural:image|images} cut into {tiles} {tiles:plural:tile|tiles} of {size} px.',
    ),
}
