from sqjz.supervisees.record_links import register as record_link

record_link("解除与终止", "discharge:case", 90, closed_label="解除终止记录")
