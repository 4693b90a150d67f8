ELF>
ÿþ€garbage[31m
