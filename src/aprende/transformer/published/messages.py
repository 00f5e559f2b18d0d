"""Messages of the published models' import (GPT-2, BERT, Marian): Spanish first, English beside it."""

MESSAGES = {
    'marian.missing_file': (
        'Falta {path}: un punto de control de Marian (opus-mt) trae config.json, model.safetensors, source.spm, target.spm y vocab.json. Descárgalo completo.',
        '{path} is missing: a Marian (opus-mt) checkpoint has config.json, model.safetensors, source.spm, target.spm and vocab.json. Download it whole.',
    ),
    'marian.missing_tensor': (
        'A {path} le falta el tensor {name}: no es un MarianMTModel completo.',
        '{path} lacks the tensor {name}: it is not a whole MarianMTModel.',
    ),
    'marian.extra_tensor': (
        '{path} trae {n} {n:plural:tensor|tensores} que un MarianMTModel no tiene (el primero: {name}); ¿es de otra arquitectura?',
        '{path} holds {n} {n:plural:tensor|tensors} a MarianMTModel does not have (the first: {name}); is it another architecture?',
    ),
    'marian.bad_shape': (
        'En {path}, {name} mide {shape} y su config.json pide {expected}: el config y los pesos no son del mismo modelo.',
        'In {path}, {name} is {shape} while its config.json asks for {expected}: the config and the weights are not the same model.',
    ),
    'marian.unsupported': (
        '{path}: aprende no sabe cargar esta variante de Marian ({what}).',
        '{path}: aprende cannot load this Marian variant ({what}).',
    ),
    'marian.bad_config': (
        '{path} no se puede leer como un punto de control de Marian (JSON o safetensors dañado, o faltan campos).',
        '{path} cannot be read as a Marian checkpoint (damaged JSON or safetensors, or missing fields).',
    ),
    'marian.bad_tokenizer': (
        '{path} no es un archivo de tokenizador de Marian válido; vuelve a descargarlo.',
        '{path} is not a valid Marian tokenizer file; download it again.',
    ),
    'marian.no_special': (
        '{path} no tiene el token {token}, que Marian necesita.',
        '{path} lacks the token {token}, which Marian needs.',
    ),
    'marian.bad_vocab': (
        '{path} tiene {n} piezas y el modelo solo {vocab} embeddings: el tokenizador no es el de estos pesos.',
        '{path} has {n} pieces and the model only {vocab} embeddings: the tokenizer does not belong to these weights.',
    ),
    'published.not_checkpoint': (
        '{path} no es una carpeta de un modelo de Hugging Face: le falta config.json. Descárgala entera (config.json, model.safetensors y los archivos del tokenizador) o usa «aprende weights get NOMBRE».',
        "{path} is not a Hugging Face model folder: it has no config.json. Download it whole (config.json, model.safetensors and the tokenizer's files) or use 'aprende weights get NAME'.",
    ),
    'published.bad_config': (
        '{path} no es un JSON válido. Vuelve a descargarlo.',
        '{path} is not valid JSON. Download it again.',
    ),
    'published.bad_size': (
        '{path}: {key} = {value} no es un tamaño posible (entero entre 1 y {most}). El archivo está dañado o no es de un modelo.',
        "{path}: {key} = {value} is not a possible size (an integer from 1 to {most}). The file is damaged or not a model's.",
    ),
    'published.missing_file': (
        'Falta {path}. Descarga la carpeta del modelo entera.',
        "{path} is missing. Download the model's whole folder.",
    ),
    'published.bad_safetensors': (
        '{path} está truncado o su cabecera no coincide con sus datos. Vuelve a descargarlo.',
        '{path} is truncated or its header does not match its data. Download it again.',
    ),
    'published.pickle_only': (
        '{path} solo tiene pesos en pickle (*.bin), y aprende nunca carga pickles. Usa una revisión con model.safetensors (la Hub suele tener una conversión en refs/pr/N) o conviértelo tú.',
        '{path} only has pickled weights (*.bin), and aprende never loads pickles. Use a revision with model.safetensors (the Hub often has a conversion in refs/pr/N) or convert it yourself.',
    ),
    'published.missing_tensor': (
        'A {path} le falta el tensor «{name}» (faltan {n}). El archivo no corresponde a su config.json o está incompleto.',
        "{path} lacks the tensor '{name}' ({n} missing). The file does not match its config.json or is incomplete.",
    ),
    'published.extra_tensor': (
        '{path} tiene un tensor que este modelo no usa: «{name}» ({n} en total). ¿Es de otra arquitectura?',
        "{path} has a tensor this model does not use: '{name}' ({n} in all). Is it another architecture's?",
    ),
    'published.size_mismatch': (
        '{path}: el tensor «{name}» mide {shape}, pero config.json pide {want}. El archivo y su config.json no son del mismo modelo.',
        "{path}: the tensor '{name}' is {shape}, but config.json asks for {want}. The file and its config.json are not the same model's.",
    ),
    'published.unsupported': (
        '{path} describe un «{name}»: aprende carga {names}.',
        "{path} describes a '{name}': aprende loads {names}.",
    ),
    'published.unsupported_option': (
        '{path}: aprende no sabe reproducir {what} con sus piezas.',
        '{path}: aprende cannot reproduce {what} with its parts.',
    ),
    'published.bad_tokenizer': (
        'El tokenizador {path} está dañado o le faltan sus tokens especiales.',
        'The tokenizer {path} is damaged or lacks its special tokens.',
    ),
    'published.no_tokenizer': (
        'Falta {path}, del tokenizador del modelo. aprende usa siempre el tokenizador propio del modelo: descárgalo con la carpeta.',
        "{path}, of the model's tokenizer, is missing. aprende always uses the model's own tokenizer: download it with the folder.",
    ),
}
