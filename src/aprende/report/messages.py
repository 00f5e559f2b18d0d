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
    'tour.report_intro': (
        'Cada laboratorio de «Aprende Machine Learning» entrenado aquí mismo, en modo rápido, con sus datos integrados.',
        'Every lab of "Aprende Machine Learning" trained right here, in quick mode, on its embedded data.',
    ),
    'tour.classify.title': (
        'Clasificación de imágenes y la CNN por dentro',
        'Image classification and the CNN inside',
    ),
    'tour.classify.question': (
        '¿Puede una CNN pequeña reconocer prendas de ropa en segundos de CPU, y qué mira para decidir?',
        'Can a small CNN recognise clothes in seconds of CPU, and what does it look at to decide?',
    ),
    'tour.classify.text': (
        'CNN «fast» entrenada {seconds:.0f} s: exactitud {accuracy:.1%} en el conjunto de prueba ({source}).',
        '"fast" CNN trained for {seconds:.0f} s: test accuracy {accuracy:.1%} ({source}).',
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
    'tour.transformer.question': (
        '¿Cómo traduce un Transformer «La atención es todo lo que necesitas» y cómo escribe un GPT, pieza a pieza?',
        'How does a Transformer translate, and how does a GPT write, piece by piece?',
    ),
    'tour.transformer.text': (
        'Un Transformer codificador-decodificador entrenado en el recorrido unos minutos con versículos de la Biblia (RV1909 → WEB) traduce «{sentence}» como «{brief}» (BLEU en validación: {bleu:.1f}); el traductor incluido, entrenado 25 minutos, como «{translation}». Un GPT pequeño entrenado con las citas de fortunes-es llega a una perplejidad de {perplexity:.1f}.',
        "An encoder-decoder Transformer trained in the tour for a few minutes on Bible verses (RV1909 → WEB) translates '{sentence}' as '{brief}' (validation BLEU: {bleu:.1f}); the shipped translator, trained for 25 minutes, as '{translation}'. A small GPT trained on the fortunes-es quotes reaches a perplexity of {perplexity:.1f}.",
    ),
    'tour.transformer.brief': (
        'entrenado en el recorrido',
        'trained in the tour',
    ),
    'tour.transformer.shipped': (
        'modelo incluido',
        'shipped model',
    ),
    'tour.transformer.col_model': (
        'modelo',
        'model',
    ),
    'tour.transformer.col_out': (
        'salida',
        'output',
    ),
    'tour.transformer.fig_attention': (
        'Atención cruzada por capa y cabeza ({model}): qué palabra de la frase original mira cada palabra traducida.',
        'Cross-attention per layer and head ({model}): which word of the source each translated word looks at.',
    ),
    'tour.transformer.fig_gpt_curves': (
        'Curvas de entrenamiento del GPT.',
        'GPT training curves.',
    ),
    'tour.cnn.title': (
        '¿Cómo funcionan las CNN?',
        'How do CNNs work?',
    ),
    'tour.cnn.question': (
        '¿Qué hace exactamente una convolución, y qué ve una CNN entrenada en una prenda?',
        'What exactly does a convolution do, and what does a trained CNN see in a garment?',
    ),
    'tour.cnn.text': (
        '{kernels} núcleos puestos a mano recorren la imagen con nuestra convolución en NumPy (diferencia máxima con torch.conv2d: {diff:.1e}). Después, la CNN incluida mira la misma prenda (real: {label}; predicción: {guess}).',
        '{kernels} hand-set kernels slide over the image with our NumPy convolution (largest difference from torch.conv2d: {diff:.1e}). Then the shipped CNN looks at the same garment (true: {label}; predicted: {guess}).',
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
    'tour.detect.question': (
        '¿Puede un YOLO pequeño aprender a encontrar piezas de lego en minutos de CPU, en lugar de las 7 horas del artículo?',
        "Can a small YOLO learn to find lego bricks in minutes of CPU, instead of the article's 7 hours?",
    ),
    'tour.detect.text': (
        'YOLO «tiny» entrenado {seconds:.0f} s ({epochs} {epochs:plural:época|épocas}) con escenas de lego generadas: mAP@0.5 {map50:.3f}, mAP@0.5:0.95 {map50_95:.3f} en validación.',
        "YOLO 'tiny' trained for {seconds:.0f} s ({epochs} {epochs:plural:epoch|epochs}) on generated lego scenes: mAP@0.5 {map50:.3f}, mAP@0.5:0.95 {map50_95:.3f} on validation.",
    ),
    'tour.detect.fig_val': (
        'Cajas predichas en imágenes de validación.',
        'Predicted boxes on validation images.',
    ),
    'tour.detect.fig_pr': (
        'Curvas de precisión y exhaustividad por clase.',
        'Precision-recall curves per class.',
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
    'tour.forecast.text': (
        'Mejor red: {best}, MASE {mase:.3f} (la semana pasada como pronóstico: {snaive:.3f}; menos es mejor).',
        'Best network: {best}, MASE {mase:.3f} (last week as the forecast: {snaive:.3f}; lower is better).',
    ),
    'tour.forecast.fig_backtest': (
        'Backtest de las últimas 12 semanas: pronósticos a 7 días desde cada origen.',
        'Backtest of the last 12 weeks: 7-day forecasts from every origin.',
    ),
    'tour.forecast.fig_forecast': (
        'Pronóstico de las próximas 4 semanas con su intervalo.',
        'Forecast of the next 4 weeks with its interval.',
    ),
    'tour.forecast.fig_curves': (
        'Curvas de entrenamiento del mejor modelo.',
        'Training curves of the best model.',
    ),
}
