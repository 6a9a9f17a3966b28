# rxbind — the whole set-up on a fresh machine is `make demo` or `make test`.
SWIFT      ?= swift
CONFIG     ?= debug
BIN         = $(shell $(SWIFT) build -c $(CONFIG) --show-bin-path)/rxbind

.PHONY: all deps deps-build build test demo bench clean

all: build

## Installs every Debian package building and testing need (apt-get; as root or through sudo).
deps:
	@scripts/deps.sh test

## Installs what building and running need.
deps-build:
	@scripts/deps.sh build

build: deps-build
	$(SWIFT) build -c $(CONFIG)

test: deps
	$(SWIFT) build
	$(SWIFT) test

## Builds and runs the two sample nights into ./demo-workspace, then prints where the outputs are.
demo: deps-build
	$(SWIFT) build --product rxbind
	scripts/demo.sh

clean:
	rm -rf .build .build-* demo-workspace
