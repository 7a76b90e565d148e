#!/usr/bin/env bash
# Train the shipped pipeline from scratch: `make model`. CPU only, both cores, < 90 minutes.
#   training/make_model.sh CORPORA_DIR BUILD_DIR MODEL_OUT
# The syntax pipeline (EWT) and the NER (CoNLL++ + UNER) train at the same time, one core each;
# then they are assembled into MODEL_OUT and scored.
set -euo pipefail
corpora=${1:?corpora folder}; build=${2:?build folder}; out=${3:?model output folder}
here=$(cd "$(dirname "$0")" && pwd)
py=${PYTHON:-python}
seed=${SEED:-0}
export OMP_NUM_THREADS=1 OPENBLAS_NUM_THREADS=1 MKL_NUM_THREADS=1

mkdir -p "$build"
"$py" "$here/convert.py" --corpora "$corpora" --out "$build/corpus"
"$py" "$here/common_words.py" --news "$corpora/../corpus/news.jsonl.gz" \
  --out "$here/../newsextract/data/lowercase_words.txt"
mkdir -p "$build/corpus/ner-train"
cp "$build/corpus/conll-train.spacy" "$build/corpus/uner-train.spacy" "$build/corpus/ner-train/"

train() {  # name config train dev [extra spacy train options]
  local name=$1 config=$2 train_path=$3 dev_path=$4
  shift 4
  "$py" -m spacy train "$here/configs/$config" --output "$build/$name" \
    --paths.train "$train_path" --paths.dev "$dev_path" --system.seed "$seed" "$@" \
    > "$build/$name.log" 2>&1
}
echo "training syntax and NER in parallel; logs in $build/syntax.log and $build/ner.log"
train syntax syntax.cfg "$build/corpus/ewt-train.spacy" "$build/corpus/ewt-dev.spacy" &
syntax_pid=$!
train ner ner.cfg "$build/corpus/ner-train" "$build/corpus/conll-dev.spacy" &
ner_pid=$!
wait "$syntax_pid" || { echo "syntax training failed: see $build/syntax.log" >&2; exit 1; }
wait "$ner_pid" || { echo "NER training failed: see $build/ner.log" >&2; exit 1; }

"$py" -m spacy evaluate "$build/syntax/model-best" "$build/corpus/ewt-dev.spacy" \
  --output "$build/syntax-dev.json" > /dev/null
"$py" "$here/assemble.py" --syntax "$build/syntax/model-best" --ner "$build/ner/model-best" \
  --out "$out" --scores "$build/syntax-dev.json"
