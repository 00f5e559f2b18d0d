"""`aprende cnn`: the CNN article's demonstration, its steps, kernels, weights and explain pages, in Spanish and English."""

MESSAGES = {
    'cnn.help': (
        'La CNN por dentro (artículo «¿Cómo funcionan las CNN?»): núcleos, mapas de características, pooling, Grad-CAM.',
        'Inside the CNN (article "¿Cómo funcionan las CNN?"): kernels, feature maps, pooling, Grad-CAM.',
    ),
    'cnn.explain.help': (
        'Muestra lo que ve una red entrenada en IMAGEN: núcleos, mapas de cada capa y Grad-CAM, en una página HTML (en runs/cnn/<nombre>).',
        "Show what a trained network sees in IMAGE: kernels, every layer's maps and Grad-CAM, in one HTML page (in runs/cnn/<name>).",
    ),
    'cnn.demo.help': (
        'Núcleos puestos a mano (bordes, desenfoque, realce) y pooling sobre IMAGEN, con la convolución en NumPy.',
        'Hand-set kernels (edges, blur, sharpen) and pooling over IMAGE, with the convolution in NumPy.',
    ),
    'cnn.opt.size': (
        'Lado mayor de la imagen en píxeles.',
        'Longest side of the image in pixels.',
    ),
    'cnn.explain.done': (
        'Explicación escrita en {path}',
        'Explanation written to {path}',
    ),
    'cnn.demo.done': (
        'Figuras en {path}: cada núcleo 3x3 con relleno 1 conserva el tamaño ({h}x{w}); el pooling 2x2 lo reduce a {ph}x{pw}.',
        'Figures in {path}: each 3x3 kernel with padding 1 keeps the size ({h}x{w}); 2x2 pooling shrinks it to {ph}x{pw}.',
    ),
    'cnn.plot.kernels': (
        'Núcleos de la primera capa',
        'First-layer kernels',
    ),
    'cnn.plot.gradcam': (
        'Grad-CAM: dónde miró la red para decir «{cls}» ({p:.0%})',
        'Grad-CAM: where the network looked to say "{cls}" ({p:.0%})',
    ),
    'cnn.layer.conv': (
        'Convolución {i}: {c} {c:plural:mapa|mapas} de {h}x{w}',
        'Convolution {i}: {c} {c:plural:map|maps} of {h}x{w}',
    ),
    'cnn.layer.act': (
        'Activación {i}: {c} {c:plural:mapa|mapas} de {h}x{w}',
        'Activation {i}: {c} {c:plural:map|maps} of {h}x{w}',
    ),
    'cnn.layer.pool': (
        'Pooling {i}: {c} {c:plural:mapa|mapas} de {h}x{w}',
        'Pooling {i}: {c} {c:plural:map|maps} of {h}x{w}',
    ),
    'cnn.step.input': (
        'La entrada: {h}x{w} píxeles y {c} {c:plural:canal|canales}; cada píxel es una neurona de entrada.',
        'The input: {h}x{w} pixels and {c} {c:plural:channel|channels}; each pixel is an input neuron.',
    ),
    'cnn.step.kernels': (
        'La primera capa tiene {n} {n:plural:núcleo|núcleos} de {k}x{k}: cada uno busca un patrón pequeño (un borde, un cambio de brillo).',
        'The first layer has {n} {n:plural:kernel|kernels} of {k}x{k}: each looks for a small pattern (an edge, a change of brightness).',
    ),
    'cnn.step.whitened': (
        'En esta red no se aprendieron: se calcularon antes de entrenar, como los filtros que «blanquean» los parches '
        'de 3x3 de las imágenes de entrenamiento (leen las direcciones en que más varían, de mayor a menor), y se '
        'dejaron fijos.',
        "In this network they were not learned: they were computed before training, as the filters that \"whiten\" "
        "the training images' 3x3 patches (they read the directions in which the patches vary most, largest first), "
        'and kept fixed.',
    ),
    'cnn.step.conv': (
        'La convolución desliza cada núcleo por la imagen y escribe un mapa de características por núcleo: {c} {c:plural:mapa|mapas} de {h}x{w}.',
        'The convolution slides each kernel over the image and writes one feature map per kernel: {c} {c:plural:map|maps} of {h}x{w}.',
    ),
    'cnn.step.act': (
        'La activación deja pasar solo las respuestas positivas (fuertes): {c} {c:plural:mapa|mapas} de {h}x{w}.',
        'The activation lets only the positive (strong) responses through: {c} {c:plural:map|maps} of {h}x{w}.',
    ),
    'cnn.step.pool': (
        'El max-pooling se queda con la respuesta más fuerte de cada ventana de 2x2: el mapa se reduce a {h}x{w} y la red tolera pequeños desplazamientos.',
        'Max-pooling keeps the strongest response of each 2x2 window: the map shrinks to {h}x{w} and the network tolerates small shifts.',
    ),
    'cnn.step.gradcam': (
        'Grad-CAM: en rojo, las zonas de la imagen que más empujaron la decisión «{cls}».',
        'Grad-CAM: in red, the regions of the image that pushed the decision "{cls}" the most.',
    ),
    'cnn.page.title': (
        'Lo que ve la red',
        'What the network sees',
    ),
    'cnn.page.intro': (
        'Imagen {image}. La red dice: {verdict}. Paso a paso, de los píxeles a la decisión:',
        'Image {image}. The network says: {verdict}. Step by step, from pixels to decision:',
    ),
    'cnn.demo.original': (
        'original',
        'original',
    ),
    'cnn.demo.kernels_title': (
        'Arriba: la imagen convolucionada con cada núcleo; abajo: el núcleo',
        'Top: the image convolved with each kernel; bottom: the kernel',
    ),
    'cnn.demo.edges': (
        'bordes |Sobel x| + |Sobel y| ({h}x{w})',
        'edges |Sobel x| + |Sobel y| ({h}x{w})',
    ),
    'cnn.demo.max': (
        'max-pooling 2x2 ({h}x{w})',
        '2x2 max-pooling ({h}x{w})',
    ),
    'cnn.demo.avg': (
        'pooling promedio 2x2 ({h}x{w})',
        '2x2 average pooling ({h}x{w})',
    ),
    'cnn.kernel.edges_vertical': (
        'bordes verticales',
        'vertical edges',
    ),
    'cnn.kernel.edges_horizontal': (
        'bordes horizontales',
        'horizontal edges',
    ),
    'cnn.kernel.outline': (
        'contorno',
        'outline',
    ),
    'cnn.kernel.blur': (
        'desenfoque',
        'blur',
    ),
    'cnn.kernel.sharpen': (
        'realce',
        'sharpen',
    ),
    'cnn.end.title': (
        'El final de la red: aplanar, capas densas y softmax',
        'The end of the network: flatten, dense layers and softmax',
    ),
    'cnn.end.flatten': (
        'Aplanar (flatten): los {c} {c:plural:mapa|mapas} de {h}x{w} del último bloque se ponen en fila: {n} números, la entrada de la primera capa densa.',
        'Flatten: the last block\'s {c} {c:plural:map|maps} of {h}x{w} are laid out in one row: {n} numbers, the input of the first dense layer.',
    ),
    'cnn.end.gap': (
        'Media global: cada uno de los {c} {c:plural:mapa|mapas} de {h}x{w} del último bloque se resume en su media: {n} números, la entrada de la capa densa.',
        'Global average: each of the last block\'s {c} {c:plural:map|maps} of {h}x{w} becomes its mean: {n} numbers, the input of the dense layer.',
    ),
    'cnn.end.dense': (
        'Capa densa: cada una de sus {n_out} {n_out:plural:neurona|neuronas} mira los {n_in} números de entrada ({w} pesos).',
        'Dense layer: each of its {n_out} {n_out:plural:neuron|neurons} looks at all {n_in} input numbers ({w} weights).',
    ),
    'cnn.end.output': (
        'Capa de salida: {n_out} {n_out:plural:puntuación|puntuaciones}, una por clase, a partir de {n_in} números ({w} pesos).',
        'Output layer: {n_out} {n_out:plural:score|scores}, one per class, from {n_in} numbers ({w} weights).',
    ),
    'cnn.end.softmax': (
        'Softmax convierte las {k} puntuaciones en probabilidades que suman 1: «{cls}» con {p:.1%}.',
        'Softmax turns the {k} scores into probabilities that add up to 1: "{cls}" at {p:.1%}.',
    ),
    'cnn.plot.probs': (
        'Probabilidad de cada clase (softmax)',
        'Probability of each class (softmax)',
    ),
    'cnn.weights.title': (
        'Cuántos pesos: cada capa frente a una capa densa',
        'How many weights: each layer against a dense layer',
    ),
    'cnn.weights.intro': (
        'Una convolución reutiliza sus núcleos en toda la imagen; una capa densa con la misma entrada y la misma salida necesitaría un peso por cada par (entrada, salida).',
        'A convolution reuses its kernels across the whole image; a dense layer with the same input and output would need one weight for every (input, output) pair.',
    ),
    'cnn.weights.layer': (
        'capa',
        'layer',
    ),
    'cnn.weights.conv': (
        'convolución {i}',
        'convolution {i}',
    ),
    'cnn.weights.dense': (
        'densa {i}',
        'dense {i}',
    ),
    'cnn.weights.input': (
        'entrada',
        'input',
    ),
    'cnn.weights.output': (
        'salida',
        'output',
    ),
    'cnn.weights.own': (
        'pesos',
        'weights',
    ),
    'cnn.weights.dense_same': (
        'pesos de una capa densa igual',
        'weights of an equal dense layer',
    ),
    'cnn.weights.ratio': (
        'veces más',
        'times more',
    ),
    'cnn.layer.stage': (
        'Etapa {i}: {c} {c:plural:mapa|mapas} de {h}x{w}',
        'Stage {i}: {c} {c:plural:map|maps} of {h}x{w}',
    ),
    'cnn.step.stage': (
        'Un bloque de la red publicada (convoluciones, normalización y activaciones): {c} mapas de {h}x{w}. Cuanto más hondo, mapas más pequeños que responden a formas más complejas.',
        'A block of the published network (convolutions, normalisation and activations): {c} maps of {h}x{w}. The deeper, the smaller the maps and the more complex the shapes they answer to.',
    ),
    'cnn.weights.stage': (
        'etapa {i}',
        'stage {i}',
    ),
}
