"""Messages of the history museum's commands, options and errors: Spanish first, English beside it, so the two cannot
drift (the timeline and each exhibit keep theirs in timeline/ and exhibits/)."""

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
    'history.bar.labels': (
        '{n} etiquetas',
        '{n} labels',
    ),
}
