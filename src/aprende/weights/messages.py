"""Messages of the shipped weights: Spanish first, English beside it, so the two cannot drift."""

MESSAGES = {
    'weights.unknown': (
        'No hay ningún modelo incluido llamado «{name}». Los que hay: {names}.',
        "There is no shipped model called '{name}'. Those there are: {names}.",
    ),
    'weights.none': (
        'No se ha indicado --run y el modelo incluido «{name}» no está en esta instalación. Entrena uno con «{train}» y pásalo con --run CARPETA.',
        "No --run given and the shipped model '{name}' is not in this installation. Train one with '{train}' and pass it with --run FOLDER.",
    ),
    'weights.help': (
        'Los modelos preentrenados que vienen con aprende.',
        'The pretrained models that come with aprende.',
    ),
    'weights.list.help': (
        'Muestra los modelos incluidos con sus métricas.',
        'Show the shipped models with their metrics.',
    ),
    'weights.list.title': (
        'Modelos incluidos (se usan cuando no se indica --run)',
        'Shipped models (used when no --run is given)',
    ),
    'weights.list.empty': (
        'Esta instalación no trae modelos incluidos; entrena uno con el laboratorio correspondiente.',
        'This installation has no shipped models; train one with its lab.',
    ),
    'weights.col.name': (
        'nombre',
        'name',
    ),
    'weights.col.what': (
        'qué es',
        'what it is',
    ),
    'weights.col.metrics': (
        'métricas medidas',
        'measured metrics',
    ),
    'weights.col.size': (
        'tamaño',
        'size',
    ),
}
