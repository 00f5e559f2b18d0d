"""Messages of the tour report: Spanish first, English beside it, so the two cannot drift."""

MESSAGES = {
    'tour.help': (
        'El recorrido: cada laboratorio en modo rápido y un informe HTML en runs/tour/exp/report.html (--project y --name eligen la carpeta).',
        'The tour: every lab in quick mode and one HTML report in runs/tour/exp/report.html (--project and --name choose the folder).',
    ),
    'tour.opt.labs': (
        'Laboratorios a incluir, separados por comas (por defecto, todos).',
        'Labs to include, separated by commas (default: all).',
    ),
    'tour.opt.tiny': (
        'Modo mínimo (segundos por laboratorio), para pruebas.',
        'Minimal mode (seconds per lab), for tests.',
    ),
    'tour.opt.full': (
        'Tamaños completos (más lento).',
        'Full sizes (slower).',
    ),
    'tour.unknown_lab': (
        'Laboratorio desconocido «{name}». Disponibles: {choices}.',
        'Unknown lab "{name}". Available: {choices}.',
    ),
    'tour.lab': (
        '[{i}/{n}] laboratorio «{lab}»…',
        '[{i}/{n}] lab "{lab}"…',
    ),
    'tour.done': (
        'Informe escrito en {path}',
        'Report written to {path}',
    ),
    'tour.summary': (
        'Resumen del recorrido',
        'Tour summary',
    ),
    'tour.col.lab': (
        'laboratorio',
        'lab',
    ),
    'tour.col.result': (
        'resultado',
        'result',
    ),
    'tour.col.seconds': (
        'segundos',
        'seconds',
    ),
    'tour.report_title': (
        'aprende: el recorrido',
        'aprende: the tour',
    ),
    'tour.classify.title': (
        'Clasificación de imágenes y la CNN por dentro',
        'Image classification and the CNN inside',
    ),
    'tour.classify.question': (
        '¿Puede una CNN pequeña reconocer prendas de ropa en segundos de CPU, y qué mira para decidir?',
        'Can a small CNN recognise clothes in seconds of CPU, and what does it look at to decide?',
    ),
    'tour.classify.fig_confusion': (
        'Matriz de confusión: las camisas se confunden con camisetas, jerséis y abrigos.',
        'Confusion matrix: shirts get confused with T-shirts, pullovers and coats.',
    ),
    'tour.classify.fig_errors': (
        'Algunas imágenes mal clasificadas (real → predicha).',
        'Some misclassified images (true → predicted).',
    ),
    'tour.classify.fig_maps': (
        'Mapas de características tras la primera convolución y su activación.',
        'Feature maps after the first convolution and its activation.',
    ),
    'tour.classify.fig_gradcam': (
        'Grad-CAM: dónde miró la red.',
        'Grad-CAM: where the network looked.',
    ),
    'tour.transformer.title': (
        'Transformers: traducir y escribir',
        'Transformers: translating and writing',
    ),
    'tour.cnn.title': (
        '¿Cómo funcionan las CNN?',
        'How do CNNs work?',
    ),
    'tour.cnn.question': (
        '¿Qué hace exactamente una convolución, y qué ve una CNN entrenada en una prenda?',
        'What exactly does a convolution do, and what does a trained CNN see in a garment?',
    ),
    'tour.cnn.fig_kernels': (
        'Cada núcleo hecho a mano y el mapa que produce.',
        'Each hand-made kernel and the map it produces.',
    ),
    'tour.cnn.fig_pooling': (
        'Bordes y pooling 2×2: máximo frente a media.',
        'Edges and 2×2 pooling: max versus average.',
    ),
    'tour.cnn.col_step': (
        'paso',
        'step',
    ),
    'tour.cnn.col_shape': (
        'tamaño',
        'size',
    ),
    'tour.cnn.step_input': (
        'imagen',
        'image',
    ),
    'tour.cnn.step_conv': (
        'convolución 3×3, relleno 1',
        '3×3 convolution, padding 1',
    ),
    'tour.cnn.step_pool': (
        'pooling 2×2',
        '2×2 pooling',
    ),
    'tour.cnn.no_model': (
        'sin modelo incluido en esta instalación',
        'no shipped model in this installation',
    ),
    'tour.detect.title': (
        'Detección de objetos con YOLO',
        'Object detection with YOLO',
    ),
    'tour.detect.fig_curves': (
        'Curvas de entrenamiento.',
        'Training curves.',
    ),
    'tour.detect.col_class': (
        'clase',
        'class',
    ),
    'tour.detect.col_boxes': (
        'cajas',
        'boxes',
    ),
    'tour.forecast.title': (
        'Pronóstico de ventas con redes neuronales',
        'Sales forecasting with neural networks',
    ),
    'tour.forecast.question': (
        '¿Puede una red neuronal pequeña prever las ventas de mañana mejor que las reglas sencillas?',
        "Can a small neural network forecast tomorrow's sales better than simple rules?",
    ),
    'tour.forecast.fig_backtest': (
        'Backtest de las últimas 12 semanas: pronósticos a 7 días desde cada origen.',
        'Backtest of the last 12 weeks: 7-day forecasts from every origin.',
    ),
    'tour.forecast.fig_forecast': (
        'Pronóstico de las próximas 4 semanas con su intervalo.',
        'Forecast of the next 4 weeks with its interval.',
    ),
    'tour.opt.translate': (
        'Una frase tuya para el traductor incluido (se puede repetir).',
        'A sentence of your own for the shipped translator (may be repeated).',
    ),
    'tour.opt.translate_metavar': (
        'FRASE',
        'SENTENCE',
    ),
    'tour.report_intro': (
        'Cada artículo de «Aprende Machine Learning» hecho software y ejecutado aquí mismo, en tu CPU: lo que se entrena, se entrena ahora; los modelos incluidos se usan tal cual vienen. Cada sección dice su pregunta, lo que salió y dónde seguir.',
        'Every article of "Aprende Machine Learning" made software and run right here, on your CPU: what is trained is trained now; the shipped models are used as they come. Each section states its question, what came out and where to go next.',
    ),
    'tour.toc': (
        'Contenido',
        'Contents',
    ),
    'tour.total': (
        'Tiempo total: {seconds:.0f} s.',
        'Total time: {seconds:.0f} s.',
    ),
    'tour.article': (
        'Artículo',
        'Article',
    ),
    'tour.next': (
        'Para seguir',
        'Where to go next',
    ),
    'tour.next_chapter': (
        'Capítulo (cuaderno)',
        'Chapter (notebook)',
    ),
    'tour.next_guide': (
        'Guía',
        'Guide',
    ),
    'tour.next_full': (
        'A tamaño completo',
        'Full size',
    ),
    'tour.transformer.question': (
        '¿Cómo aprende un Transformer a traducir, y qué mira su atención mientras lo hace? ¿Y cómo escriben GPT y BERT?',
        'How does a Transformer learn to translate, and what does its attention look at while it does? And how do GPT and BERT write?',
    ),
    'tour.transformer.toy_title': (
        '1. Un Transformer aprende aquí mismo: de palabras a cifras',
        '1. A Transformer learns right here: from words to digits',
    ),
    'tour.transformer.toy_intro': (
        'Una tarea de juguete que cabe en medio minuto de CPU: pasar números escritos en español a cifras («trescientos cuarenta y dos» → 342). El Transformer codificador-decodificador del artículo ({params} parámetros) se entrena {seconds:.0f} s con {train} pares; 100 números entre 100 y 999 se apartan y nunca los ve.',
        'A toy task that fits in half a minute of CPU: Spanish number words to digits ("trescientos cuarenta y dos" → 342). The article\'s encoder-decoder Transformer ({params} parameters) trains for {seconds:.0f} s on {train} pairs; 100 numbers between 100 and 999 are held out and never seen.',
    ),
    'tour.transformer.toy_table': (
        '{shown} de {n} números nunca vistos, exactos ({right} de {held} en todo el conjunto apartado).',
        '{shown} of {n} never-seen numbers exactly right ({right} of {held} on the whole held-out set).',
    ),
    'tour.transformer.toy_weak': (
        'Solo {right} de {n} exactos: este modelo se entrenó demasiado poco (modo mínimo); en el modo normal acierta casi todos.',
        'Only {right} of {n} exactly right: this model trained too little (minimal mode); in the normal mode it gets nearly all.',
    ),
    'tour.transformer.toy_headline': (
        'Un Transformer entrenado {seconds:.0f} s acierta {right} de {n} números que nunca vio; el traductor, GPT y BERT incluidos, en acción.',
        'A Transformer trained for {seconds:.0f} s gets {right} of {n} never-seen numbers right; the shipped translator, GPT and BERT at work.',
    ),
    'tour.transformer.fig_toy': (
        'Atención cruzada de la última capa al traducir «{words}», una cabeza en cada panel: cada cifra mira la palabra que la nombra.',
        'Last-layer cross-attention while translating "{words}", one head per panel: each digit looks at the word that names it.',
    ),
    'tour.transformer.col_words': (
        'en palabras',
        'in words',
    ),
    'tour.transformer.col_expected': (
        'esperado',
        'expected',
    ),
    'tour.transformer.col_out': (
        'salida del modelo',
        'model output',
    ),
    'tour.transformer.verses_title': (
        '2. El traductor incluido con versículos que nunca vio',
        '2. The shipped translator on verses it never saw',
    ),
    'tour.transformer.verses_intro': (
        'El traductor incluido en el paquete ({what}; BLEU {bleu:.1f} en los versículos de prueba) traduce versículos de la parte de prueba, con búsqueda en haz de 4. Es un modelo pequeño: acierta el sentido de frases cortas y falla en nombres raros.',
        'The translator shipped in the package ({what}; BLEU {bleu:.1f} on the test verses) translates verses of the test split, with a beam of 4. It is a small model: it gets the meaning of short sentences and misses rare names.',
    ),
    'tour.transformer.verses_table': (
        'Versículos de prueba y tus frases: original, traducción de referencia (WEB) y la del modelo.',
        "Test verses and your sentences: source, reference translation (WEB) and the model's.",
    ),
    'tour.transformer.verses_bad': (
        '{n} {n:plural:traducción se repite|traducciones se repiten} o {n:plural:sale vacía|salen vacías}: {n:plural:está marcada|están marcadas} con ⚠ y no {n:plural:cuenta|cuentan} como acierto.',
        '{n} {n:plural:translation repeats itself|translations repeat themselves} or {n:plural:is|are} empty: marked with ⚠, not counted as a success.',
    ),
    'tour.transformer.loops': (
        'se repite',
        'loops',
    ),
    'tour.transformer.yours': (
        'tu frase',
        'your sentence',
    ),
    'tour.transformer.col_verse': (
        'versículo',
        'verse',
    ),
    'tour.transformer.col_source': (
        'original',
        'source',
    ),
    'tour.transformer.col_reference': (
        'referencia',
        'reference',
    ),
    'tour.transformer.fig_verse': (
        'Atención cruzada de la última capa (la media de sus cabezas) al traducir «{line}»: qué palabras del original mira cada palabra traducida.',
        'Last-layer cross-attention (its heads averaged) while translating "{line}": which source words each translated word looks at.',
    ),
    'tour.transformer.no_shipped': (
        'Esta instalación no trae el modelo «{name}».',
        'This installation has no shipped "{name}" model.',
    ),
    'tour.transformer.writers_title': (
        '3. GPT escribe, BERT rellena',
        '3. GPT writes, BERT fills in',
    ),
    'tour.transformer.gpt': (
        'El GPT incluido (solo decodificador, predice la pieza siguiente) continúa «{prompt}» con la semilla {seed}: «{text}»',
        'The shipped GPT (decoder only, predicts the next piece) continues "{prompt}" with seed {seed}: "{text}"',
    ),
    'tour.transformer.gpt_loops': (
        'El texto se repite en las tres semillas probadas: el GPT incluido es pequeño.',
        'The text loops with all three seeds tried: the shipped GPT is small.',
    ),
    'tour.transformer.bert_table': (
        'El BERT incluido (solo codificador, mira a los dos lados) propone palabras para [MASK], con su probabilidad.',
        'The shipped BERT (encoder only, looks both ways) proposes words for [MASK], with their probability.',
    ),
    'tour.transformer.bert_weak': (
        'La palabra esperada está entre sus cinco propuestas en {hits} de {n} frases: el BERT incluido es pequeño (unos 3 millones de parámetros, 1,3 millones de palabras de texto; BERT-base tiene 110 millones y leyó 3.300 millones).',
        'The expected word is among its five proposals in {hits} of {n} sentences: the shipped BERT is small (about 3 million parameters, 1.3 million words of text; BERT-base has 110 million and read 3.3 billion).',
    ),
    'tour.transformer.col_sentence': (
        'frase',
        'sentence',
    ),
    'tour.transformer.col_top5': (
        'sus cinco propuestas',
        'its five proposals',
    ),
    'tour.fig.head': (
        'capa {layer}, cabeza {head}',
        'layer {layer}, head {head}',
    ),
    'tour.fig.mean_heads': (
        'capa {layer}, media de {heads} cabezas',
        'layer {layer}, mean of {heads} heads',
    ),
    'tour.detect.question': (
        '¿Encuentra un YOLO pequeño piezas de lego en escenas que nunca vio? ¿Y cuánto aprende uno nuevo en medio minuto de CPU, frente a las 7 horas del artículo?',
        "Does a small YOLO find lego bricks in scenes it never saw? And how much does a new one learn in half a minute of CPU, against the article's 7 hours?",
    ),
    'tour.detect.headline': (
        'El YOLO incluido: mAP@0.5 {map50:.2f} en escenas nuevas; uno entrenado aquí {seconds:.0f} s llega a {live:.2f}.',
        'The shipped YOLO: mAP@0.5 {map50:.2f} on new scenes; one trained here for {seconds:.0f} s reaches {live:.2f}.',
    ),
    'tour.detect.headline_live': (
        'Un YOLO entrenado aquí {seconds:.0f} s llega a mAP@0.5 {live:.2f}.',
        'A YOLO trained here for {seconds:.0f} s reaches mAP@0.5 {live:.2f}.',
    ),
    'tour.detect.shipped_title': (
        '1. El detector incluido en escenas nuevas',
        '1. The shipped detector on new scenes',
    ),
    'tour.detect.shipped_intro': (
        'Se generan ahora {n} escenas de lego con otra semilla que las de entrenamiento (piezas de colores, giradas, tapándose, sobre fondos variados) y el YOLO «tiny» incluido las analiza.',
        '{n} lego scenes are generated now with another seed than the training ones (coloured bricks, rotated, overlapping, on varied backgrounds) and the shipped "tiny" YOLO looks at them.',
    ),
    'tour.detect.shipped_table': (
        'Precisión media por clase en las escenas nuevas: mAP@0.5 {map50:.3f}, mAP@0.5:0.95 {map50_95:.3f}.',
        'Average precision per class on the new scenes: mAP@0.5 {map50:.3f}, mAP@0.5:0.95 {map50_95:.3f}.',
    ),
    'tour.detect.fig_fresh': (
        'Las cajas del detector incluido en escenas nuevas (clase y confianza).',
        "The shipped detector's boxes on new scenes (class and confidence).",
    ),
    'tour.detect.weak': (
        'Un mAP@0.5 de {map50:.2f} es flojo: el detector falla muchas piezas en estas escenas.',
        'A mAP@0.5 of {map50:.2f} is weak: the detector misses many bricks in these scenes.',
    ),
    'tour.detect.live_title': (
        '2. Un YOLO aprende desde cero, aquí mismo',
        '2. A YOLO learns from scratch, right here',
    ),
    'tour.detect.live_intro': (
        'Un YOLO «tiny» nuevo, sin pesos previos, entrena {seconds:.0f} s ({epochs} {epochs:plural:época|épocas}) con {images} escenas de {size}×{size} píxeles: llega a mAP@0.5 {map50:.3f} (mAP@0.5:0.95 {map50_95:.3f}) en su validación. La curva muestra cómo baja la pérdida y empieza a subir el mAP.',
        'A new "tiny" YOLO, with no previous weights, trains for {seconds:.0f} s ({epochs} {epochs:plural:epoch|epochs}) on {images} scenes of {size}×{size} pixels: it reaches mAP@0.5 {map50:.3f} (mAP@0.5:0.95 {map50_95:.3f}) on its validation images. The curve shows the loss falling and the mAP starting to rise.',
    ),
    'tour.forecast.col_model': (
        'modelo',
        'model',
    ),
    'tour.forecast.intro': (
        'Tres redes del artículo (solo los {lags} días anteriores; más el calendario; con embeddings), {members} de cada tipo cuya media es el pronóstico, y tres reglas sencillas compiten en las ventas diarias generadas de una tienda, con backtest: desde 12 días distintos se pronostican los 7 siguientes y se mide el error. La columna «frente a la semana pasada» divide el error de cada modelo por el de repetir lo vendido el mismo día de la semana anterior, en los mismos días: por debajo de 1, el modelo gana a esa regla. MASE divide por el error de esa regla en toda la historia; aquí pasa de 1 para todos, porque las 12 semanas son las de otoño y Navidad, más difíciles que el resto del año.',
        "Three networks of the article (the {lags} previous days only; plus the calendar; with embeddings), {members} of each kind whose mean is the forecast, and three simple rules compete on a generated shop's daily sales, by backtest: from 12 different days the next 7 are forecast and the error is measured. The column \"against last week\" divides each model's error by that of repeating the sales of the same weekday a week before, on the same days: below 1, the model beats that rule. MASE divides by that rule's error over the whole history; here it is above 1 for everyone, as the 12 weeks are autumn's and Christmas', harder than the rest of the year.",
    ),
    'tour.forecast.col_ratio': (
        'frente a la semana pasada',
        'against last week',
    ),
    'tour.forecast.col_seconds': (
        'segundos',
        'seconds',
    ),
    'tour.forecast.table': (
        'Error de cada modelo en el backtest (menos es mejor).',
        "Each model's backtest error (lower is better).",
    ),
    'tour.forecast.not_better': (
        'La mejor red ({best}) no mejora aquí a la regla «la semana pasada»: el entrenamiento fue demasiado corto.',
        'The best network ({best}) does not beat the "last week" rule here: training was too short.',
    ),
    'tour.forecast.text': (
        'Mejor red: {best}, con un error {ratio:.2f} veces el de «la semana pasada» en los mismos días (por debajo de 1, gana a la regla).',
        'Best network: {best}, with an error {ratio:.2f} times that of "last week" on the same days (below 1, it beats the rule).',
    ),
    'tour.classify.intro': (
        'La CNN «fast» (convoluciones, pooling y una capa densa, como en el artículo) entrena con {source}, 60 000 prendas de 28×28 píxeles en 10 clases.',
        'The "fast" CNN (convolutions, pooling and a dense layer, as in the article) trains on {source}, 60,000 garments of 28×28 pixels in 10 classes.',
    ),
    'tour.classify.table': (
        'F1 por clase en el conjunto de prueba.',
        'F1 per class on the test set.',
    ),
    'tour.classify.text': (
        'CNN entrenada {seconds:.0f} s: exactitud {accuracy:.1%} en prueba (el artículo: {article:.1%} con sus imágenes de deportes).',
        'CNN trained for {seconds:.0f} s: test accuracy {accuracy:.1%} (the article: {article:.1%} on its sports images).',
    ),
    'tour.cnn.intro': (
        '{kernels} núcleos puestos a mano recorren una prenda con nuestra convolución en NumPy, que da lo mismo que torch.conv2d (diferencia máxima {diff:.1e}). El pooling 2×2 reduce cada mapa a la mitad.',
        '{kernels} hand-set kernels slide over a garment with our NumPy convolution, which gives the same as torch.conv2d (largest difference {diff:.1e}). 2×2 pooling halves each map.',
    ),
    'tour.cnn.table': (
        'Tamaños en cada paso.',
        'Sizes at each step.',
    ),
    'tour.cnn.shipped': (
        'Después, la CNN incluida mira la misma prenda (real: {label}; predicción: {guess}).',
        'Then the shipped CNN looks at the same garment (true: {label}; predicted: {guess}).',
    ),
    'tour.cnn.text': (
        'La convolución a mano coincide con PyTorch (diferencia {diff:.1e}); la CNN incluida ve «{label}» y dice: {guess}.',
        'The hand-made convolution matches PyTorch (difference {diff:.1e}); the shipped CNN sees "{label}" and says: {guess}.',
    ),
    'tour.history.timeline': (
        'La línea del tiempo del artículo: cada red, qué resolvió y qué la frenó.',
        "The article's timeline: each network, what it solved and what held it back.",
    ),
    'tour.history.text': (
        '{n} {n:plural:exhibición ejecutada|exhibiciones ejecutadas}, de {first} a {last}, con sus éxitos y sus fallos a propósito.',
        '{n} {n:plural:exhibit|exhibits} run, from {first} to {last}, with their successes and their failures on purpose.',
    ),
    'tour.history.lesson_xor': (
        'Fallo a propósito, la lección de 1969: un perceptrón solo traza una recta y no puede separar XOR (exactitud {accuracy:.0%}, la de adivinar).',
        'A failure on purpose, the lesson of 1969: a perceptron only draws a straight line and cannot separate XOR (accuracy {accuracy:.0%}, a guess).',
    ),
    'tour.history.lesson_rnn': (
        'Lección a propósito: en secuencias de {length} pasos, la RNN simple olvida el principio (error {rnn:.3f}) y la LSTM lo recuerda (error {lstm:.3f}).',
        'A lesson on purpose: on sequences of {length} steps the plain RNN forgets the beginning (error {rnn:.3f}) and the LSTM remembers it (error {lstm:.3f}).',
    ),
    'tour.history.lesson_gan': (
        'Lección a propósito: las GAN tienden al colapso de modos; aquí el generador cubre {modes} de los 8 grupos del anillo.',
        "A lesson on purpose: GANs tend to mode collapse; here the generator covers {modes} of the ring's 8 clusters.",
    ),
    'tour.detect.live_weak': (
        'Todavía aprendiendo: {seconds:.0f} s no bastan para que un YOLO desde cero encuentre bien las piezas (el incluido entrenó 40 épocas). Es el comienzo de la curva, no un detector terminado.',
        'Still learning: {seconds:.0f} s are not enough for a YOLO from scratch to find the bricks well (the shipped one trained for 40 epochs). This is the start of the curve, not a finished detector.',
    ),
    'tour.classify.weak': (
        'Una exactitud de {accuracy:.0%} es floja: esta CNN entrenó demasiado poco (modo mínimo, o un ordenador muy ocupado). Con una época completa pasa del 80 %.',
        'An accuracy of {accuracy:.0%} is weak: this CNN trained too little (minimal mode, or a very busy computer). One full epoch takes it past 80%.',
    ),
}
