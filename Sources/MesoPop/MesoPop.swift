// `import MesoPop` brings the whole library.
@_exported import Analysis
@_exported import DoubleWellAttractor
@_exported import GSLBridge
@_exported import MesoConfig
@_exported import MesoCore
@_exported import MesoFit
@_exported import MesoIO
@_exported import MesoPopulation
@_exported import MicroNetwork
@_exported import NetworkCore
@_exported import NeuronTheory
@_exported import PlasticRateNetwork
@_exported import PlasticRateTheory
@_exported import RateModels
@_exported import SDESolvers
@_exported import STDPMemory
@_exported import STDPMemorySimulation
