#!/bin/sh
# Find a Python 3.11, 3.12 or 3.13 and make the series' virtual environment with it (the Makefile runs this).
#
#   sh scripts/python.sh status VENV   one line for `make` to print first: the Python VENV runs, or the one that
#                                      will make it; the line starts with "ok" when VENV is complete and usable
#   sh scripts/python.sh venv VENV     make VENV unless it is complete: a missing, half-made (no pip) or broken
#                                      VENV, or one of another Python than $PYTHON, is made again
#   sh scripts/python.sh all           "3.X /path/to/python" for each of Python 3.11, 3.12, 3.13 found
#   sh scripts/python.sh others VENV   the same, without the version VENV runs (CI tests under each of these too)
#
# PYTHON, if set and not empty, names the Python to use (make PYTHON=python3.12 lab). Otherwise the first that
# runs and is 3.11-3.13 of: python3, python3.13, python3.12, python3.11, then pyenv's installed versions.
set -u

VERSIONS="3.11 3.12 3.13"  # the versions pyproject.toml's requires-python admits (tests check they agree)

# Run the Python command $1 and set MINOR (3.X), FULL (3.X.Y) and EXECUTABLE; fail if it does not run.
probe() {
    found=$("$1" -c 'import platform, sys; print("%d.%d" % sys.version_info[:2], platform.python_version(), sys.executable)' \
        2>/dev/null) || return 1
    [ -n "$found" ] || return 1
    MINOR=${found%% *}
    found=${found#* }
    FULL=${found%% *}
    EXECUTABLE=${found#* }
}

supported() {
    case " $VERSIONS " in *" $1 "*) return 0 ;; esac
    return 1
}

# Commands that may run Python $1: the usual name on PATH, then pyenv's copies (pyenv's `python3.X` shim
# runs only a version that is active, so the installed versions are tried directly).
candidates() {
    echo "python$1"
    for dir in "${PYENV_ROOT:-$HOME/.pyenv}"/versions/"$1".*; do
        if [ -x "$dir/bin/python$1" ]; then echo "$dir/bin/python$1"; fi
    done
}

# Choose the Python to make a virtual environment with: set COMMAND, MINOR, FULL, EXECUTABLE, or say why none.
find_python() {
    if [ -n "${PYTHON:-}" ]; then
        COMMAND=$PYTHON
        if ! probe "$COMMAND"; then
            echo "PYTHON=$PYTHON does not run." >&2
            return 1
        fi
        if ! supported "$MINOR"; then
            echo "PYTHON=$PYTHON is Python $MINOR; the series needs Python 3.11, 3.12 or 3.13." >&2
            return 1
        fi
        return 0
    fi
    COMMAND=python3
    if probe "$COMMAND" && supported "$MINOR"; then
        return 0
    fi
    for version in 3.13 3.12 3.11; do
        for COMMAND in $(candidates "$version"); do
            if probe "$COMMAND" && [ "$MINOR" = "$version" ]; then
                return 0
            fi
        done
    done
    cat >&2 <<'EOF'
No Python 3.11, 3.12 or 3.13 found (tried python3, python3.13, python3.12, python3.11 and pyenv's versions).
  Debian/Ubuntu:  sudo apt install python3 python3-venv   (if python3 is 3.11-3.13; else e.g. python3.12-venv)
  macOS:          brew install python@3.13, or the installer from python.org
  Or name one:    make PYTHON=/path/to/python3.12 lab
EOF
    return 1
}

# Why the virtual environment $1 is not usable, or nothing if it is.
venv_problem() {
    if [ ! -e "$1" ]; then
        echo "it does not exist"
    elif ! probe "$1/bin/python"; then
        echo "its python does not run (half-made, or the Python it was made with is gone)"
    elif ! supported "$MINOR"; then
        echo "it runs Python $MINOR, not 3.11-3.13"
    elif ! "$1/bin/python" -c 'import pip' 2>/dev/null; then
        echo "it has no pip (half-made: venv stopped, e.g. for want of the python3.X-venv package)"
    elif [ -n "${PYTHON:-}" ]; then
        has=$MINOR
        if ! probe "$PYTHON"; then
            echo "PYTHON=$PYTHON does not run"
        elif [ "$MINOR" != "$has" ]; then
            echo "it runs Python $has, and PYTHON=$PYTHON is $MINOR"
        fi
    fi
}

venv_help() {
    cat >&2 <<EOF
Python $MINOR ($COMMAND) could not make a virtual environment: its venv module or ensurepip is missing.
  Debian/Ubuntu:  sudo apt install python$MINOR-venv
  then run make again.
EOF
}

status() {
    problem=$(venv_problem "$1")
    if [ -z "$problem" ]; then
        probe "$1/bin/python"
        echo "ok Python $FULL in $1"
    elif find_python 2>/dev/null; then
        echo "new Python $FULL ($EXECUTABLE) will make $1: $problem"
    else
        echo "new $(find_python 2>&1 >/dev/null | head -n 1)"
    fi
}

make_venv() {
    venv=$1
    problem=$(venv_problem "$venv")
    if [ -z "$problem" ]; then
        return 0
    fi
    if [ -e "$venv" ] && [ ! -f "$venv/pyvenv.cfg" ] && [ -n "$(ls -A "$venv")" ]; then
        echo "$venv is not a virtual environment (no pyvenv.cfg): move it away, then run make again." >&2
        return 1
    fi
    find_python || return 1
    if [ -e "$venv" ]; then
        echo "$venv is not usable, $problem: making it again."
        rm -rf "$venv"
    fi
    if ! "$COMMAND" -c 'import ensurepip, venv' 2>/dev/null; then
        venv_help
        return 1
    fi
    echo "Making $venv with Python $FULL ($EXECUTABLE)"
    if ! "$COMMAND" -m venv "$venv" || [ -n "$(venv_problem "$venv")" ]; then
        rm -rf "$venv"
        venv_help
        return 1
    fi
}

# "3.X executable" for each supported version found, oldest first.
all() {
    for version in $VERSIONS; do
        for command in python3 $(candidates "$version"); do
            if probe "$command" && [ "$MINOR" = "$version" ]; then
                echo "$version $EXECUTABLE"
                break
            fi
        done
    done
}

others() {
    has=
    if probe "$1/bin/python"; then has=$MINOR; fi
    all | while read -r version executable; do
        if [ "$version" != "$has" ]; then echo "$version $executable"; fi
    done
}

case "${1:-}" in
    status) status "$2" ;;
    venv) make_venv "$2" ;;
    all) all ;;
    others) others "$2" ;;
    *)
        echo "usage: sh scripts/python.sh status|venv|others VENV, or sh scripts/python.sh all" >&2
        exit 2
        ;;
esac
