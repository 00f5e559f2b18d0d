"""What each exhibit of the museum prints and plots, Spanish first, English beside it."""

MESSAGES = {
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
}
