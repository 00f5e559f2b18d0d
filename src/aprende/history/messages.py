"""Messages of the history museum: Spanish first, English beside it, so the two cannot drift."""

MESSAGES = {
    'history.help': (
        'El museo de la historia de las redes neuronales: cada red de la línea temporal, ejecutable.',
        'The museum of the history of neural networks: every network of the timeline, runnable.',
    ),
    'history.list.help': (
        'La línea temporal: año, red, autores, qué resolvió y qué la frenó.',
        'The timeline: year, network, authors, what it solved and what held it back.',
    ),
    'history.list.title': (
        'Breve historia de las redes neuronales artificiales',
        'A brief history of artificial neural networks',
    ),
    'history.list.options': (
        'Cada exhibición con sus opciones y valores por defecto:',
        'Each exhibit with its options and default values:',
    ),
    'history.run.help': (
        'Ejecuta una exhibición (perceptron, mlp, sigmoid, feedforward, cnn, rnn, lstm, rbm, dbn, autoencoder, gan) y guarda sus figuras en runs/history/<nombre>/. Cada exhibición usa solo algunas de las opciones; «aprende history list» dice cuáles y sus valores por defecto.',
        'Run one exhibit (perceptron, mlp, sigmoid, feedforward, cnn, rnn, lstm, rbm, dbn, autoencoder, gan) and save its figures in runs/history/<name>/. Each exhibit uses only some of the options; "aprende history list" says which, with their defaults.',
    ),
    'history.run.table': (
        'Resultados de «{name}»',
        'Results of "{name}"',
    ),
    'history.run.done': (
        'Figuras y métricas guardadas en {run}',
        'Figures and metrics saved in {run}',
    ),
    'history.col.year': (
        'año',
        'year',
    ),
    'history.col.name': (
        'exhibición',
        'exhibit',
    ),
    'history.col.authors': (
        'autores',
        'authors',
    ),
    'history.col.solved': (
        'qué resolvió',
        'what it solved',
    ),
    'history.col.limit': (
        'qué la frenó',
        'what held it back',
    ),
    'history.col.metric': (
        'métrica',
        'metric',
    ),
    'history.col.value': (
        'valor',
        'value',
    ),
    'history.opt.name': (
        'Nombre de la carpeta de la ejecución (por defecto, el de la exhibición: perceptron, perceptron2…).',
        "Name of the run folder (default: the exhibit's: perceptron, perceptron2…).",
    ),
    'history.opt.lr': (
        'Tasa de aprendizaje.',
        'Learning rate.',
    ),
    'history.opt.epochs': (
        'Épocas (pasadas completas por los datos).',
        'Epochs (full passes over the data).',
    ),
    'history.opt.points': (
        'Número de puntos generados.',
        'Number of generated points.',
    ),
    'history.opt.margin': (
        'perceptron: distancia mínima de los puntos a la recta que los separa.',
        'perceptron: smallest distance from the points to the line that separates them.',
    ),
    'history.opt.hidden': (
        'Neuronas de cada capa oculta.',
        'Units in each hidden layer.',
    ),
    'history.opt.layers': (
        'feedforward: número de capas ocultas; dbn: tamaños de las RBM apiladas, separados por comas (128,64).',
        'feedforward: number of hidden layers; dbn: sizes of the stacked RBMs, comma-separated (128,64).',
    ),
    'history.opt.batch_size': (
        'Tamaño del lote.',
        'Batch size.',
    ),
    'history.opt.noise': (
        'feedforward: ruido de las dos lunas.',
        'feedforward: noise of the two moons.',
    ),
    'history.opt.filters': (
        'cnn: filtros de las dos capas convolucionales, separados por comas (6,16).',
        'cnn: filters of the two convolutional layers, comma-separated (6,16).',
    ),
    'history.opt.lengths': (
        'rnn, lstm: longitudes de secuencia, separadas por comas (5,10,20,40).',
        'rnn, lstm: sequence lengths, comma-separated (5,10,20,40).',
    ),
    'history.opt.steps': (
        'Pasos de entrenamiento (lotes).',
        'Training steps (batches).',
    ),
    'history.opt.cd_k': (
        'rbm: pasos de Gibbs de la divergencia contrastiva (CD-k).',
        'rbm: Gibbs steps of contrastive divergence (CD-k).',
    ),
    'history.opt.labels': (
        'dbn: cuántos ejemplos etiquetados usa el ajuste fino, separados por comas (50,100,300,1000).',
        'dbn: how many labelled examples fine-tuning uses, comma-separated (50,100,300,1000).',
    ),
    'history.opt.pretrain_epochs': (
        'dbn: épocas de preentrenamiento de cada RBM.',
        'dbn: pre-training epochs of each RBM.',
    ),
    'history.opt.code': (
        'autoencoder: tamaño del código (el cuello de botella).',
        'autoencoder: size of the code (the bottleneck).',
    ),
    'history.opt.digit_steps': (
        'gan: pasos de entrenamiento con los dígitos.',
        'gan: training steps on the digits.',
    ),
    'history.unknown_exhibit': (
        'Exhibición desconocida «{name}». Disponibles: {choices}. «aprende history list» muestra la línea temporal.',
        'Unknown exhibit "{name}". Available: {choices}. "aprende history list" shows the timeline.',
    ),
    'history.unused_option': (
        'La exhibición «{name}» no usa {opt}. Sus opciones (con sus valores por defecto): {choices}',
        'The exhibit "{name}" does not use {opt}. Its options (with their defaults): {choices}',
    ),
    'history.bad_number': (
        '{opt} espera un número (recibido «{value}»).',
        '{opt} expects a number (got "{value}").',
    ),
    'history.bad_positive': (
        '{opt} debe ser mayor que 0 (recibido {value}).',
        '{opt} must be greater than 0 (got {value}).',
    ),
    'history.bad_min': (
        '{opt} debe ser al menos {low} (recibido {value}).',
        '{opt} must be at least {low} (got {value}).',
    ),
    'history.bad_max': (
        '{opt} no puede pasar de {high} (recibido {value}).',
        '{opt} cannot exceed {high} (got {value}).',
    ),
    'history.bad_list': (
        '{opt} espera números enteros positivos separados por comas, como «{example}» (recibido «{value}»).',
        '{opt} expects positive whole numbers separated by commas, like "{example}" (got "{value}").',
    ),
    'history.bad_count': (
        '{opt} espera exactamente {count} números separados por comas (recibido «{value}»).',
        '{opt} expects exactly {count} numbers separated by commas (got "{value}").',
    ),
    'history.plot.accuracy': (
        'acierto',
        'accuracy',
    ),
    'history.plot.accuracy_pct': (
        'acierto (%)',
        'accuracy (%)',
    ),
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
    'history.perceptron.sentence': (
        'El perceptrón separó los {n} {n:plural:punto|puntos} sin errores en {epochs} {epochs:plural:época|épocas} ({corrections} {corrections:plural:corrección|correcciones}); en XOR no pasó del {best:.0f} % en {xor_epochs} {xor_epochs:plural:época|épocas}: ninguna recta lo separa.',
        'The perceptron separated the {n} {n:plural:point|points} without errors in {epochs} {epochs:plural:epoch|epochs} ({corrections} {corrections:plural:correction|corrections}); on XOR it never went beyond {best:.0f} % in {xor_epochs} {xor_epochs:plural:epoch|epochs}: no straight line separates it.',
    ),
    'history.perceptron.sentence_not': (
        'El perceptrón no terminó de separar los {n} {n:plural:punto|puntos} en {epochs} {epochs:plural:época|épocas} ({errors} {errors:plural:error|errores}; sube --epochs o --margin); en XOR no pasó del {best:.0f} % en {xor_epochs} {xor_epochs:plural:época|épocas}.',
        'The perceptron did not finish separating the {n} {n:plural:point|points} in {epochs} {epochs:plural:epoch|epochs} ({errors} {errors:plural:error|errors}; raise --epochs or --margin); on XOR it never went beyond {best:.0f} % in {xor_epochs} {xor_epochs:plural:epoch|epochs}.',
    ),
    'history.perceptron.plot.moving': (
        'La frontera se mueve ({n} {n:plural:corrección|correcciones})',
        'The boundary moves ({n} {n:plural:correction|corrections})',
    ),
    'history.perceptron.plot.separable': (
        'separables',
        'separable',
    ),
    'history.perceptron.plot.mistakes': (
        'errores en la época',
        'errors in the epoch',
    ),
    'history.perceptron.plot.errors': (
        'Errores por época',
        'Errors per epoch',
    ),
    'history.perceptron.plot.xor': (
        'XOR: ninguna recta separa los colores',
        'XOR: no straight line separates the colours',
    ),
    'history.perceptron.plot.xor_accuracy': (
        'XOR: acierto al final de cada época',
        'XOR: accuracy at the end of each epoch',
    ),
    'history.mlp.progress': (
        'retropropagación en XOR',
        'backpropagation on XOR',
    ),
    'history.mlp.sentence': (
        'El perceptrón multicapa ({hidden} {hidden:plural:neurona oculta|neuronas ocultas}, NumPy) acierta el {acc:.0f} % de XOR tras {epochs} {epochs:plural:época|épocas} (pérdida {loss:.4f}); los gradientes escritos a mano coinciden con las diferencias finitas (error relativo {fd:.1e}) y con autograd de PyTorch ({torch:.1e}).',
        'The multilayer perceptron ({hidden} {hidden:plural:hidden unit|hidden units}, NumPy) gets {acc:.0f} % of XOR right after {epochs} {epochs:plural:epoch|epochs} (loss {loss:.4f}); the hand-written gradients match finite differences (relative error {fd:.1e}) and PyTorch autograd ({torch:.1e}).',
    ),
    'history.mlp.plot.regions': (
        'XOR resuelto (discontinuas: neuronas ocultas)',
        'XOR solved (dashed: hidden units)',
    ),
    'history.mlp.plot.loss': (
        'Pérdida (entropía cruzada)',
        'Loss (cross-entropy)',
    ),
    'history.mlp.plot.numeric': (
        'gradiente por diferencias finitas',
        'gradient by finite differences',
    ),
    'history.mlp.plot.analytic': (
        'gradiente por retropropagación',
        'gradient by backpropagation',
    ),
    'history.mlp.plot.gradcheck': (
        'Comprobación del gradiente',
        'Gradient check',
    ),
    'history.sigmoid.sentence': (
        'La misma neurona con el mismo descenso de gradiente: con escalón se queda en el {step:.0f} % (empezó en {start:.0f} %) porque su derivada es cero; con sigmoide llega al {sigmoid:.0f} % en {epochs} {epochs:plural:época|épocas}.',
        'The same neuron with the same gradient descent: with a step it stays at {step:.0f} % (it started at {start:.0f} %) because its derivative is zero; with a sigmoid it reaches {sigmoid:.0f} % in {epochs} {epochs:plural:epoch|epochs}.',
    ),
    'history.sigmoid.plot.step': (
        'escalón',
        'step',
    ),
    'history.sigmoid.plot.sigmoid': (
        'sigmoide',
        'sigmoid',
    ),
    'history.sigmoid.plot.outputs': (
        'Salida de la neurona',
        'Output of the neuron',
    ),
    'history.sigmoid.plot.gradients': (
        'Derivada: lo que el gradiente puede usar',
        'Derivative: what the gradient can use',
    ),
    'history.sigmoid.plot.learning': (
        'Aprendizaje por gradiente',
        'Learning by gradient',
    ),
    'history.feedforward.progress': (
        'perceptrón multicapa (PyTorch)',
        'multilayer perceptron (PyTorch)',
    ),
    'history.feedforward.sentence': (
        'Un perceptrón multicapa ({layers} {layers:plural:capa|capas} de {hidden} {hidden:plural:neurona|neuronas}) acierta el {moons:.1f} % de las dos lunas y el {digits:.1f} % de los dígitos de prueba.',
        'A multilayer perceptron ({layers} {layers:plural:layer|layers} of {hidden} {hidden:plural:unit|units}) gets {moons:.1f} % of the two moons and {digits:.1f} % of the test digits right.',
    ),
    'history.feedforward.plot.moons': (
        'Dos lunas: {acc:.1f} % en prueba',
        'Two moons: {acc:.1f} % on test',
    ),
    'history.feedforward.plot.digits': (
        'Dígitos: {acc:.1f} % en prueba',
        'Digits: {acc:.1f} % on test',
    ),
    'history.feedforward.plot.pca_plane': (
        'regiones en el plano de las dos primeras componentes principales',
        'regions on the plane of the first two principal components',
    ),
    'history.cnn.progress': (
        'LeNet y perceptrón multicapa',
        'LeNet and multilayer perceptron',
    ),
    'history.cnn.sentence': (
        'Con casi los mismos pesos ({n_cnn} y {n_mlp}), la red convolucional acierta el {cnn:.1f} % de los dígitos de prueba y el perceptrón multicapa el {mlp:.1f} %; con los dígitos movidos un píxel: {s_cnn:.1f} % frente a {s_mlp:.1f} %.',
        'With almost the same number of weights ({n_cnn} and {n_mlp}), the convolutional network gets {cnn:.1f} % of the test digits right and the multilayer perceptron {mlp:.1f} %; with the digits shifted by one pixel: {s_cnn:.1f} % against {s_mlp:.1f} %.',
    ),
    'history.cnn.plot.weights': (
        'pesos',
        'weights',
    ),
    'history.cnn.plot.curves': (
        'Acierto en prueba por época',
        'Test accuracy per epoch',
    ),
    'history.cnn.plot.original': (
        'originales',
        'original',
    ),
    'history.cnn.plot.shifted': (
        'movidos 1 píxel',
        'shifted 1 pixel',
    ),
    'history.cnn.plot.shift': (
        'Acierto (%) con los dígitos desplazados',
        'Accuracy (%) with shifted digits',
    ),
    'history.cnn.plot.input': (
        'entrada',
        'input',
    ),
    'history.cnn.plot.filters': (
        'filtros 3x3 de la capa 1',
        '3x3 filters of layer 1',
    ),
    'history.cnn.plot.maps': (
        'mapas de activación',
        'feature maps',
    ),
    'history.recurrent.progress': (
        'problema de la suma',
        'adding problem',
    ),
    'history.rnn.sentence': (
        'La RNN de Elman suma bien con secuencias de {short} {short:plural:paso|pasos} (MSE {mse_short:.4f}); con {long} {long:plural:paso|pasos} su MSE es {mse_long:.3f}, no mejor que responder siempre 1 ({baseline:.3f}): no recuerda tan atrás.',
        'The Elman RNN adds well with sequences of {short} {short:plural:step|steps} (MSE {mse_short:.4f}); with {long} {long:plural:step|steps} its MSE is {mse_long:.3f}, no better than always answering 1 ({baseline:.3f}): it does not remember that far back.',
    ),
    'history.rnn.sentence_plain': (
        'La RNN de Elman: MSE {mse_short:.4f} con secuencias de {short} {short:plural:paso|pasos} y {mse_long:.4f} con {long} {long:plural:paso|pasos} (responder siempre 1 da {baseline:.3f}).',
        'The Elman RNN: MSE {mse_short:.4f} with sequences of {short} {short:plural:step|steps} and {mse_long:.4f} with {long} {long:plural:step|steps} (always answering 1 gives {baseline:.3f}).',
    ),
    'history.lstm.sentence': (
        'Con secuencias de {T} {T:plural:paso|pasos} la LSTM aprende a sumar (MSE {lstm:.4f}) y la RNN de Elman no (MSE {rnn:.3f}; responder siempre 1 da {baseline:.3f}).',
        'With sequences of {T} {T:plural:step|steps} the LSTM learns to add (MSE {lstm:.4f}) and the Elman RNN does not (MSE {rnn:.3f}; always answering 1 gives {baseline:.3f}).',
    ),
    'history.lstm.sentence_plain': (
        'Con secuencias de {T} {T:plural:paso|pasos}: LSTM, MSE {lstm:.4f}; RNN de Elman, MSE {rnn:.4f} (responder siempre 1 da {baseline:.3f}).',
        'With sequences of {T} {T:plural:step|steps}: LSTM, MSE {lstm:.4f}; Elman RNN, MSE {rnn:.4f} (always answering 1 gives {baseline:.3f}).',
    ),
    'history.recurrent.plot.baseline': (
        'responder siempre 1',
        'always answer 1',
    ),
    'history.recurrent.plot.length': (
        'longitud de la secuencia',
        'sequence length',
    ),
    'history.recurrent.plot.mse': (
        'error cuadrático medio',
        'mean squared error',
    ),
    'history.recurrent.plot.by_length': (
        'Error en prueba según la longitud',
        'Test error by length',
    ),
    'history.recurrent.plot.step': (
        'paso de entrenamiento',
        'training step',
    ),
    'history.recurrent.plot.training': (
        'Entrenamiento (secuencia más larga)',
        'Training (longest sequence)',
    ),
    'history.recurrent.plot.memory': (
        'Peso de a₁ (el primer número marcado)\nen la respuesta (ideal: 1)',
        'Weight of a₁ (the first marked number)\nin the answer (ideal: 1)',
    ),
    'history.rbm.progress': (
        'divergencia contrastiva',
        'contrastive divergence',
    ),
    'history.rbm.sentence': (
        'El error de reconstrucción de la RBM pasa de {start:.4f} a {end:.4f} en {epochs} {epochs:plural:época|épocas} ({ours_s:.2f} s); la BernoulliRBM de scikit-learn, con los mismos ajustes, llega a {ref:.4f} ({ref_s:.2f} s).',
        "The RBM's reconstruction error goes from {start:.4f} to {end:.4f} in {epochs} {epochs:plural:epoch|epochs} ({ours_s:.2f} s); scikit-learn's BernoulliRBM, with the same settings, reaches {ref:.4f} ({ref_s:.2f} s).",
    ),
    'history.rbm.plot.reconstructions': (
        'Filas: dígitos de prueba, reconstrucción de aprende, de scikit-learn',
        "Rows: test digits, aprende's reconstruction, scikit-learn's",
    ),
    'history.rbm.plot.samples': (
        'Muestras (1000 pasos de Gibbs)',
        'Samples (1000 Gibbs steps)',
    ),
    'history.rbm.plot.filters': (
        'Pesos de 36 neuronas ocultas',
        'Weights of 36 hidden units',
    ),
    'history.rbm.plot.error': (
        'error de reconstrucción (prueba)',
        'reconstruction error (test)',
    ),
    'history.rbm.plot.falling': (
        'El error de reconstrucción baja',
        'Reconstruction error falls',
    ),
    'history.dbn.progress': (
        'preentrenamiento y ajuste fino',
        'pre-training and fine-tuning',
    ),
    'history.dbn.sentence': (
        'Con {n} etiquetas, la red preentrenada capa a capa acierta el {pre:.1f} % y la misma red sin preentrenar el {rand:.1f} % ({gain:+.1f} puntos); con {big} etiquetas la diferencia es de {big_gain:+.1f} puntos.',
        'With {n} labels, the layer-wise pre-trained network gets {pre:.1f} % right and the same network without pre-training {rand:.1f} % ({gain:+.1f} points); with {big} labels the difference is {big_gain:+.1f} points.',
    ),
    'history.dbn.sentence_one': (
        'Con {n} etiquetas, la red preentrenada capa a capa acierta el {pre:.1f} % y la misma red sin preentrenar el {rand:.1f} % ({gain:+.1f} puntos).',
        'With {n} labels, the layer-wise pre-trained network gets {pre:.1f} % right and the same network without pre-training {rand:.1f} % ({gain:+.1f} points).',
    ),
    'history.dbn.plot.features': (
        'Rasgos de la primera RBM',
        'Features of the first RBM',
    ),
    'history.dbn.plot.pretrained': (
        'preentrenada (DBN)',
        'pre-trained (DBN)',
    ),
    'history.dbn.plot.random': (
        'inicio aleatorio',
        'random start',
    ),
    'history.dbn.plot.labels': (
        'ejemplos etiquetados',
        'labelled examples',
    ),
    'history.dbn.plot.title': (
        'Acierto en prueba tras el ajuste fino',
        'Test accuracy after fine-tuning',
    ),
    'history.autoencoder.progress': (
        'autocodificador',
        'autoencoder',
    ),
    'history.autoencoder.sentence': (
        'Con un código de {code} números, el autocodificador reconstruye los dígitos de prueba con MSE {ae:.4f} y el PCA con {pca:.4f} (el error del PCA es {ratio:.2f} veces el del autocodificador).',
        "With a code of {code} numbers, the autoencoder rebuilds the test digits with MSE {ae:.4f} and PCA with {pca:.4f} (PCA's error is {ratio:.2f} times the autoencoder's).",
    ),
    'history.autoencoder.plot.rows': (
        'Filas: dígitos de prueba, autocodificador, PCA',
        'Rows: test digits, autoencoder, PCA',
    ),
    'history.autoencoder.plot.code': (
        'Código del autocodificador\n(MSE {mse:.4f})',
        'Autoencoder code\n(MSE {mse:.4f})',
    ),
    'history.autoencoder.plot.pca': (
        'Dos componentes del PCA\n(MSE {mse:.4f})',
        'Two PCA components\n(MSE {mse:.4f})',
    ),
    'history.autoencoder.plot.digit': (
        'dígito',
        'digit',
    ),
    'history.gan.progress': (
        'GAN: anillo y dígitos',
        'GAN: ring and digits',
    ),
    'history.gan.sentence': (
        'La GAN cubre {modes} de los 8 modos del anillo ({quality:.0f} % de muestras junto a un modo); en los dígitos genera {classes} de las 10 clases (confianza media del clasificador {confidence:.0f} %).',
        "The GAN covers {modes} of the ring's 8 modes ({quality:.0f} % of samples next to a mode); on digits it draws {classes} of the 10 classes (mean classifier confidence {confidence:.0f} %).",
    ),
    'history.gan.plot.snapshot': (
        'paso {step}: {modes}/8 modos',
        'step {step}: {modes}/8 modes',
    ),
    'history.gan.plot.step': (
        'paso',
        'step',
    ),
    'history.gan.plot.modes': (
        'Modos cubiertos',
        'Modes covered',
    ),
    'history.gan.plot.digits': (
        'Dígitos generados ({steps} {steps:plural:paso|pasos})',
        'Generated digits ({steps} {steps:plural:step|steps})',
    ),
    'history.tour.title': (
        'Breve historia de las redes neuronales',
        'A brief history of neural networks',
    ),
    'history.tour.question': (
        '¿Qué podía hacer cada red de la historia y qué la frenó? Cada una entrena aquí en segundos.',
        'What could each network of history do, and what held it back? Each one trains here in seconds.',
    ),
    'history.tour.text': (
        '{n} exhibiciones ejecutadas. {sentences}',
        '{n} exhibits run. {sentences}',
    ),
    'history.tour.fig': (
        '{title} ({year}): aprende history run {name}',
        '{title} ({year}): aprende history run {name}',
    ),
}
