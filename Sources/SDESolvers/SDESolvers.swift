import MesoCore
