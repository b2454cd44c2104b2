import MesoPop
print("mesopop")
