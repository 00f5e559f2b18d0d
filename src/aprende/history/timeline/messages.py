"""The museum's timeline: each network's title, what it solved and what held it back, in Spanish and English."""

MESSAGES = {
    'history.tl.perceptron.title': (
        'Perceptrón',
        'Perceptron',
    ),
    'history.tl.perceptron.solved': (
        'Aprende de ejemplos una frontera recta con una regla sencilla, y converge siempre que exista.',
        'Learns a straight boundary from examples with a simple rule, and always converges when one exists.',
    ),
    'history.tl.perceptron.limit': (
        'Solo separa con una recta: no puede aprender XOR (Minsky y Papert, 1969), y llegó el primer invierno.',
        'Only separates with a straight line: it cannot learn XOR (Minsky & Papert, 1969), and the first winter came.',
    ),
    'history.tl.mlp.title': (
        'Perceptrón multicapa y retropropagación',
        'Multilayer perceptron and backpropagation',
    ),
    'history.tl.mlp.solved': (
        'Las capas ocultas doblan el plano y resuelven XOR; la retropropagación calcula todos los gradientes de una vez.',
        'Hidden layers bend the plane and solve XOR; backpropagation computes every gradient in one backward pass.',
    ),
    'history.tl.mlp.limit': (
        'Necesita activaciones derivables; con muchas capas los gradientes se desvanecen, y faltaban datos y cómputo.',
        'Needs differentiable activations; with many layers gradients vanish, and data and compute were scarce.',
    ),
    'history.tl.sigmoid.title': (
        'Neuronas sigmoides',
        'Sigmoid neurons',
    ),
    'history.tl.sigmoid.solved': (
        'Un escalón suavizado tiene pendiente: el gradiente dice a cada peso hacia dónde moverse.',
        'A smoothed step has a slope: the gradient tells every weight which way to move.',
    ),
    'history.tl.sigmoid.limit': (
        'Se satura en los extremos (derivada máxima 0,25): el gradiente se apaga capa a capa; luego llegó ReLU.',
        'Saturates at both ends (largest derivative 0.25): the gradient fades layer after layer; ReLU came later.',
    ),
    'history.tl.feedforward.title': (
        'Redes prealimentadas (feed-forward)',
        'Feed-forward networks',
    ),
    'history.tl.feedforward.solved': (
        'Con suficientes neuronas aproximan cualquier función continua (Cybenko, 1989): fronteras curvas, muchas clases.',
        'With enough units they approximate any continuous function (Cybenko, 1989): curved boundaries, many classes.',
    ),
    'history.tl.feedforward.limit': (
        'Ignoran la estructura de imágenes y secuencias; cada píxel es una entrada aparte y los pesos crecen rápido.',
        'Blind to the structure of images and sequences; every pixel is a separate input and weights grow fast.',
    ),
    'history.tl.cnn.title': (
        'Redes convolucionales (LeNet)',
        'Convolutional networks (LeNet)',
    ),
    'history.tl.cnn.solved': (
        'Filtros pequeños compartidos en toda la imagen: menos pesos y el mismo detector en cualquier posición; leyeron cheques y códigos postales.',
        'Small filters shared across the image: fewer weights and the same detector at every position; they read cheques and zip codes.',
    ),
    'history.tl.cnn.limit': (
        'Pedían datos y cálculo que no hubo hasta las GPU (AlexNet, 2012).',
        'They needed data and compute that only came with GPUs (AlexNet, 2012).',
    ),
    'history.tl.rnn.title': (
        'Redes recurrentes (Elman)',
        'Recurrent networks (Elman)',
    ),
    'history.tl.rnn.solved': (
        'Un estado que pasa de un paso al siguiente: memoria para secuencias de longitud variable.',
        'A state passed from one step to the next: memory for sequences of any length.',
    ),
    'history.tl.rnn.limit': (
        'El gradiente se desvanece (o explota) a lo largo del tiempo: olvidan lo ocurrido hace más de unos pocos pasos.',
        'The gradient vanishes (or explodes) through time: they forget what happened more than a few steps ago.',
    ),
    'history.tl.lstm.title': (
        'LSTM',
        'LSTM',
    ),
    'history.tl.lstm.solved': (
        'Una celda de memoria que se actualiza sumando, con puertas que deciden qué guardar y qué olvidar: dependencias largas.',
        'A memory cell updated by addition, with gates that decide what to keep and what to forget: long dependencies.',
    ),
    'history.tl.lstm.limit': (
        'Secuencial y lenta de entrenar; los transformers (2017) la sustituyeron en muchas tareas.',
        'Sequential and slow to train; transformers (2017) replaced it in many tasks.',
    ),
    'history.tl.rbm.title': (
        'Máquina de Boltzmann restringida',
        'Restricted Boltzmann machine',
    ),
    'history.tl.rbm.solved': (
        'Un modelo generativo que aprende sin etiquetas; la divergencia contrastiva (2002) la hizo rápida de entrenar.',
        'A generative model that learns without labels; contrastive divergence (2002) made it quick to train.',
    ),
    'history.tl.rbm.limit': (
        'El gradiente es aproximado y la verosimilitud no se puede calcular: difícil de evaluar y de ajustar.',
        'The gradient is approximate and the likelihood cannot be computed: hard to evaluate and to tune.',
    ),
    'history.tl.dbn.title': (
        'Redes de creencia profunda',
        'Deep belief networks',
    ),
    'history.tl.dbn.solved': (
        'El preentrenamiento capa a capa con RBM hizo entrenables las redes profundas y relanzó el «deep learning».',
        'Layer-wise pre-training with RBMs made deep networks trainable and relaunched "deep learning".',
    ),
    'history.tl.dbn.limit': (
        'ReLU, buena inicialización, dropout y muchos datos etiquetados lo hicieron innecesario hacia 2012.',
        'ReLU, good initialisation, dropout and plenty of labelled data made it unnecessary by 2012.',
    ),
    'history.tl.autoencoder.title': (
        'Autocodificador',
        'Autoencoder',
    ),
    'history.tl.autoencoder.solved': (
        'Reduce la dimensión de forma no lineal: un código pequeño que conserva más que el PCA.',
        'Non-linear dimensionality reduction: a small code that keeps more than PCA.',
    ),
    'history.tl.autoencoder.limit': (
        'Su código no sirve para generar datos nuevos sin más (eso llegó con el VAE, 2013) y puede limitarse a copiar.',
        'Its code cannot simply generate new data (that came with the VAE, 2013), and it may learn to just copy.',
    ),
    'history.tl.gan.title': (
        'Redes generativas antagónicas (GAN)',
        'Generative adversarial networks (GAN)',
    ),
    'history.tl.gan.solved': (
        'Un generador y un discriminador que compiten producen muestras nítidas sin definir a mano qué es «parecido».',
        'A generator and a discriminator in competition produce sharp samples without defining "similar" by hand.',
    ),
    'history.tl.gan.limit': (
        'Entrenamiento inestable y colapso de modos: el generador puede quedarse con unos pocos tipos de muestra.',
        'Unstable training and mode collapse: the generator may settle on a few kinds of sample.',
    ),
}
