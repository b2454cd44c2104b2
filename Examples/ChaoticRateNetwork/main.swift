import MesoPop
