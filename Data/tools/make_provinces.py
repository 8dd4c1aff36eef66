#!/usr/bin/env python3
"""Generate Data/provinces.json: Viet Nam's provincial gazetteer after Resolution 202/2025/QH15.

The tables below are the project's own: 34 provincial units from 1 July 2025, the 63 units
before it and where each went, old and foreign spellings (aliases), and strings seen in
evidence files that are not provinces (countries, regions, districts, foreign places).
Not needed at build or test time.

    python3 Data/tools/make_provinces.py [--out Data/provinces.json]
"""
import argparse
import os
import sys

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
import jsonfmt  # noqa: E402
from fold import fold, slug  # noqa: E402

HERE = os.path.dirname(os.path.abspath(__file__))
DATA = os.path.dirname(HERE)

SOURCE = {
    "title": "Resolution 202/2025/QH15 of the National Assembly on the arrangement of "
             "provincial-level administrative units (12 June 2025, effective 1 July 2025)",
    "document": "Nghị quyết số 202/2025/QH15 về việc sắp xếp đơn vị hành chính cấp tỉnh; "
                "regions, flags and the notProvinces list are the project's own reading",
    "checked": "2026-11-30",
}

NMM = "northern-midlands-and-mountains"
RRD = "red-river-delta"
NCC = "north-central-and-central-coast"
CH = "central-highlands"
SE = "southeast"
MD = "mekong-delta"

# The 63 units in force until 30 June 2025: name, kind.
FORMER = [
    ("Hà Nội", "city"), ("Hà Giang", "province"), ("Cao Bằng", "province"),
    ("Bắc Kạn", "province"), ("Tuyên Quang", "province"), ("Lào Cai", "province"),
    ("Điện Biên", "province"), ("Lai Châu", "province"), ("Sơn La", "province"),
    ("Yên Bái", "province"), ("Hòa Bình", "province"), ("Thái Nguyên", "province"),
    ("Lạng Sơn", "province"), ("Quảng Ninh", "province"), ("Bắc Giang", "province"),
    ("Phú Thọ", "province"), ("Vĩnh Phúc", "province"), ("Bắc Ninh", "province"),
    ("Hải Dương", "province"), ("Hải Phòng", "city"), ("Hưng Yên", "province"),
    ("Thái Bình", "province"), ("Hà Nam", "province"), ("Nam Định", "province"),
    ("Ninh Bình", "province"), ("Thanh Hóa", "province"), ("Nghệ An", "province"),
    ("Hà Tĩnh", "province"), ("Quảng Bình", "province"), ("Quảng Trị", "province"),
    ("Huế", "city"), ("Đà Nẵng", "city"), ("Quảng Nam", "province"),
    ("Quảng Ngãi", "province"), ("Bình Định", "province"), ("Phú Yên", "province"),
    ("Khánh Hòa", "province"), ("Ninh Thuận", "province"), ("Bình Thuận", "province"),
    ("Kon Tum", "province"), ("Gia Lai", "province"), ("Đắk Lắk", "province"),
    ("Đắk Nông", "province"), ("Lâm Đồng", "province"), ("Bình Phước", "province"),
    ("Tây Ninh", "province"), ("Bình Dương", "province"), ("Đồng Nai", "province"),
    ("Bà Rịa - Vũng Tàu", "province"), ("Hồ Chí Minh", "city"), ("Long An", "province"),
    ("Tiền Giang", "province"), ("Bến Tre", "province"), ("Trà Vinh", "province"),
    ("Vĩnh Long", "province"), ("Đồng Tháp", "province"), ("An Giang", "province"),
    ("Kiên Giang", "province"), ("Cần Thơ", "city"), ("Hậu Giang", "province"),
    ("Sóc Trăng", "province"), ("Bạc Liêu", "province"), ("Cà Mau", "province"),
]

FORMER_NOTES = {
    "hue": "Thừa Thiên Huế province until 31 December 2024; a centrally-run city from 1 January 2025.",
}

# The 34 units from 1 July 2025: name, kind, region, flags, formed from (former names).
UNITS = [
    # 11 unchanged
    ("Hà Nội", "city", RRD, ["delta", "urban"], ["Hà Nội"]),
    ("Huế", "city", NCC, ["coastal", "border", "mountainous", "urban"], ["Huế"]),
    ("Lai Châu", "province", NMM, ["mountainous", "border", "poor"], ["Lai Châu"]),
    ("Điện Biên", "province", NMM, ["mountainous", "border", "poor"], ["Điện Biên"]),
    ("Sơn La", "province", NMM, ["mountainous", "border", "poor"], ["Sơn La"]),
    ("Lạng Sơn", "province", NMM, ["mountainous", "border"], ["Lạng Sơn"]),
    ("Quảng Ninh", "province", RRD, ["coastal", "border", "mountainous"], ["Quảng Ninh"]),
    ("Thanh Hóa", "province", NCC, ["coastal", "border", "mountainous", "delta"], ["Thanh Hóa"]),
    ("Nghệ An", "province", NCC, ["coastal", "border", "mountainous"], ["Nghệ An"]),
    ("Hà Tĩnh", "province", NCC, ["coastal", "border", "mountainous"], ["Hà Tĩnh"]),
    ("Cao Bằng", "province", NMM, ["mountainous", "border", "poor"], ["Cao Bằng"]),
    # 23 merged
    ("Tuyên Quang", "province", NMM, ["mountainous", "border", "poor"], ["Hà Giang", "Tuyên Quang"]),
    ("Lào Cai", "province", NMM, ["mountainous", "border", "poor"], ["Yên Bái", "Lào Cai"]),
    ("Thái Nguyên", "province", NMM, ["mountainous"], ["Bắc Kạn", "Thái Nguyên"]),
    ("Phú Thọ", "province", NMM, ["mountainous"], ["Vĩnh Phúc", "Phú Thọ", "Hòa Bình"]),
    ("Bắc Ninh", "province", RRD, ["delta", "mountainous"], ["Bắc Giang", "Bắc Ninh"]),
    ("Hưng Yên", "province", RRD, ["delta", "coastal"], ["Thái Bình", "Hưng Yên"]),
    ("Hải Phòng", "city", RRD, ["coastal", "delta", "urban"], ["Hải Dương", "Hải Phòng"]),
    ("Ninh Bình", "province", RRD, ["delta", "coastal"], ["Hà Nam", "Ninh Bình", "Nam Định"]),
    ("Quảng Trị", "province", NCC, ["coastal", "border", "mountainous"], ["Quảng Bình", "Quảng Trị"]),
    ("Đà Nẵng", "city", NCC, ["coastal", "border", "mountainous", "urban"], ["Quảng Nam", "Đà Nẵng"]),
    ("Quảng Ngãi", "province", NCC, ["coastal", "border", "mountainous"], ["Kon Tum", "Quảng Ngãi"]),
    ("Gia Lai", "province", CH, ["mountainous", "border", "coastal"], ["Gia Lai", "Bình Định"]),
    ("Khánh Hòa", "province", NCC, ["coastal", "mountainous"], ["Ninh Thuận", "Khánh Hòa"]),
    ("Lâm Đồng", "province", CH, ["mountainous", "border", "coastal"], ["Lâm Đồng", "Đắk Nông", "Bình Thuận"]),
    ("Đắk Lắk", "province", CH, ["mountainous", "border", "coastal"], ["Đắk Lắk", "Phú Yên"]),
    ("Hồ Chí Minh", "city", SE, ["urban", "coastal"], ["Bà Rịa - Vũng Tàu", "Bình Dương", "Hồ Chí Minh"]),
    ("Đồng Nai", "province", SE, ["border"], ["Bình Phước", "Đồng Nai"]),
    ("Tây Ninh", "province", SE, ["border", "delta"], ["Long An", "Tây Ninh"]),
    ("Cần Thơ", "city", MD, ["delta", "coastal", "urban"], ["Sóc Trăng", "Hậu Giang", "Cần Thơ"]),
    ("Vĩnh Long", "province", MD, ["delta", "coastal"], ["Bến Tre", "Vĩnh Long", "Trà Vinh"]),
    ("Đồng Tháp", "province", MD, ["delta", "border", "coastal"], ["Tiền Giang", "Đồng Tháp"]),
    ("Cà Mau", "province", MD, ["delta", "coastal"], ["Bạc Liêu", "Cà Mau"]),
    ("An Giang", "province", MD, ["delta", "border", "coastal"], ["Kiên Giang", "An Giang"]),
]

# Names that differ from every unit and former unit after folding.
# (text, current unit, former unit or None, note or None, other current units or None)
ALIASES = [
    ("Thừa Thiên Huế", "hue", "hue", "province name until 2024", None),
    ("Thua Thien - Hue", "hue", "hue", None, None),
    ("Thua Thien Hue", "hue", "hue", None, None),
    ("Hue City", "hue", "hue", None, None),
    ("Ho Chi Minh City", "ho-chi-minh", "ho-chi-minh", None, None),
    ("HCMC", "ho-chi-minh", "ho-chi-minh", None, None),
    ("TP.HCM", "ho-chi-minh", "ho-chi-minh", None, None),
    ("TP HCM", "ho-chi-minh", "ho-chi-minh", None, None),
    ("TPHCM", "ho-chi-minh", "ho-chi-minh", None, None),
    ("Hochiminh", "ho-chi-minh", "ho-chi-minh", None, None),
    ("Saigon", "ho-chi-minh", "ho-chi-minh", "name before 1976", None),
    ("Sài Gòn", "ho-chi-minh", "ho-chi-minh", "name before 1976", None),
    ("Sài Gòn - Gia Định", "ho-chi-minh", "ho-chi-minh", "1975-1976", None),
    ("Hanoi", "ha-noi", "ha-noi", None, None),
    ("Ha Noi City", "ha-noi", "ha-noi", None, None),
    ("Hà Tây", "ha-noi", None, "province merged into Hà Nội in 2008", None),
    ("Ha Tay", "ha-noi", None, "province merged into Hà Nội in 2008", None),
    ("Haiphong", "hai-phong", "hai-phong", None, None),
    ("Hai Phong City", "hai-phong", "hai-phong", None, None),
    ("Danang", "da-nang", "da-nang", None, None),
    ("Da Nang City", "da-nang", "da-nang", None, None),
    ("Cantho", "can-tho", "can-tho", None, None),
    ("Can Tho City", "can-tho", "can-tho", None, None),
    ("Bac Can", "thai-nguyen", "bac-kan", "spelling of Bắc Kạn", None),
    ("Bắc Cạn", "thai-nguyen", "bac-kan", "spelling of Bắc Kạn", None),
    ("Dak Lak", "dak-lak", "dak-lak", None, None),
    ("Daklak", "dak-lak", "dak-lak", None, None),
    ("Đắc Lắc", "dak-lak", "dak-lak", "old spelling", None),
    ("Darlac", "dak-lak", "dak-lak", "colonial-era spelling", None),
    ("Dak Nong", "lam-dong", "dak-nong", None, None),
    ("Daknong", "lam-dong", "dak-nong", None, None),
    ("Đắc Nông", "lam-dong", "dak-nong", "old spelling", None),
    ("Kontum", "quang-ngai", "kon-tum", None, None),
    ("Ba Ria Vung Tau", "ho-chi-minh", "ba-ria-vung-tau", None, None),
    ("BRVT", "ho-chi-minh", "ba-ria-vung-tau", None, None),
    ("Vũng Tàu - Côn Đảo", "ho-chi-minh", "ba-ria-vung-tau", "special zone 1979-1991", None),
    # provinces of 1976-1997, split later
    ("Hà Sơn Bình", "ha-noi", None, "1976-1991: Hà Tây (now Hà Nội) and Hòa Bình (now Phú Thọ); capital Hà Đông", ["phu-tho"]),
    ("Ha Son Binh", "ha-noi", None, "1976-1991: Hà Tây (now Hà Nội) and Hòa Bình (now Phú Thọ)", ["phu-tho"]),
    ("Hoàng Liên Sơn", "lao-cai", None, "1976-1991: Lào Cai and Yên Bái, both now Lào Cai", None),
    ("Hoang Lien Son", "lao-cai", None, "1976-1991: Lào Cai and Yên Bái, both now Lào Cai", None),
    ("Hà Tuyên", "tuyen-quang", None, "1976-1991: Hà Giang and Tuyên Quang", None),
    ("Ha Tuyen", "tuyen-quang", None, "1976-1991: Hà Giang and Tuyên Quang", None),
    ("Bắc Thái", "thai-nguyen", None, "1965-1996: Bắc Kạn and Thái Nguyên", None),
    ("Bac Thai", "thai-nguyen", None, "1965-1996: Bắc Kạn and Thái Nguyên", None),
    ("Vĩnh Phú", "phu-tho", None, "1968-1996: Vĩnh Phúc and Phú Thọ", None),
    ("Vinh Phu", "phu-tho", None, "1968-1996: Vĩnh Phúc and Phú Thọ", None),
    ("Hà Bắc", "bac-ninh", None, "1962-1996: Bắc Giang and Bắc Ninh", None),
    ("Ha Bac", "bac-ninh", None, "1962-1996: Bắc Giang and Bắc Ninh", None),
    ("Hải Hưng", "hai-phong", None, "1968-1996: Hải Dương (now Hải Phòng) and Hưng Yên", ["hung-yen"]),
    ("Hai Hung", "hai-phong", None, "1968-1996: Hải Dương (now Hải Phòng) and Hưng Yên", ["hung-yen"]),
    ("Hà Nam Ninh", "ninh-binh", None, "1975-1991: Hà Nam, Nam Định and Ninh Bình, all now Ninh Bình", None),
    ("Ha Nam Ninh", "ninh-binh", None, "1975-1991: Hà Nam, Nam Định and Ninh Bình, all now Ninh Bình", None),
    ("Cao Lạng", "cao-bang", None, "1976-1978: Cao Bằng and Lạng Sơn", ["lang-son"]),
    ("Bình Trị Thiên", "hue", None, "1976-1989: Quảng Bình, Quảng Trị (now Quảng Trị) and Thừa Thiên Huế", ["quang-tri"]),
    ("Binh Tri Thien", "hue", None, "1976-1989: Quảng Bình, Quảng Trị (now Quảng Trị) and Thừa Thiên Huế", ["quang-tri"]),
    ("Nghệ Tĩnh", "nghe-an", None, "1976-1991: Nghệ An and Hà Tĩnh", ["ha-tinh"]),
    ("Nghe Tinh", "nghe-an", None, "1976-1991: Nghệ An and Hà Tĩnh", ["ha-tinh"]),
    ("Quảng Nam - Đà Nẵng", "da-nang", None, "1976-1996: Quảng Nam and Đà Nẵng, both now Đà Nẵng", None),
    ("Quang Nam - Da Nang", "da-nang", None, "1976-1996: Quảng Nam and Đà Nẵng, both now Đà Nẵng", None),
    ("Nghĩa Bình", "gia-lai", None, "1976-1989: Quảng Ngãi and Bình Định (now Gia Lai); capital Quy Nhơn", ["quang-ngai"]),
    ("Nghia Binh", "gia-lai", None, "1976-1989: Quảng Ngãi and Bình Định (now Gia Lai); capital Quy Nhơn", ["quang-ngai"]),
    ("Phú Khánh", "khanh-hoa", None, "1976-1989: Phú Yên (now Đắk Lắk) and Khánh Hòa", ["dak-lak"]),
    ("Phu Khanh", "khanh-hoa", None, "1976-1989: Phú Yên (now Đắk Lắk) and Khánh Hòa", ["dak-lak"]),
    ("Thuận Hải", "lam-dong", None, "1976-1991: Ninh Thuận (now Khánh Hòa) and Bình Thuận (now Lâm Đồng)", ["khanh-hoa"]),
    ("Thuan Hai", "lam-dong", None, "1976-1991: Ninh Thuận (now Khánh Hòa) and Bình Thuận (now Lâm Đồng)", ["khanh-hoa"]),
    ("Gia Lai - Kon Tum", "gia-lai", None, "1975-1991: Gia Lai and Kon Tum (now Quảng Ngãi)", ["quang-ngai"]),
    ("Sông Bé", "ho-chi-minh", None, "1976-1996: Bình Dương (now Hồ Chí Minh) and Bình Phước (now Đồng Nai)", ["dong-nai"]),
    ("Song Be", "ho-chi-minh", None, "1976-1996: Bình Dương (now Hồ Chí Minh) and Bình Phước (now Đồng Nai)", ["dong-nai"]),
    ("Cửu Long", "vinh-long", None, "1976-1991: Vĩnh Long and Trà Vinh", None),
    ("Cuu Long", "vinh-long", None, "1976-1991: Vĩnh Long and Trà Vinh", None),
    ("Minh Hải", "ca-mau", None, "1976-1996: Bạc Liêu and Cà Mau", None),
    ("Minh Hai", "ca-mau", None, "1976-1996: Bạc Liêu and Cà Mau", None),
]

COUNTRY = "country"
REGION = "region"

# Texts that are not provinces. Vietnamese localities carry the unit they lie in ("within");
# they are deliberately not resolved to it: a district is not a province.
# (text, note, within or None)
VN_LOCAL = [
    # region and country names
    ("Vietnam", "country", None), ("Viet Nam", "country", None), ("Việt Nam", "country", None),
    ("Socialist Republic of Viet Nam", "country", None), ("Nationwide", "whole country", None),
    ("Toàn quốc", "whole country", None),
    ("Mekong River Delta", "region", None), ("Mekong Delta", "region", None),
    ("Đồng bằng sông Cửu Long", "region", None), ("Red River Delta", "region", None),
    ("Đồng bằng sông Hồng", "region", None), ("Central Highlands", "region", None),
    ("Tây Nguyên", "region", None), ("Northern Midlands and Mountains", "region", None),
    ("Trung du và miền núi phía Bắc", "region", None), ("Northern Mountains", "region", None),
    ("Northern Uplands", "region", None), ("Northwest", "region", None), ("North West", "region", None),
    ("Tây Bắc", "region", None), ("Northeast", "region", None), ("Đông Bắc", "region", None),
    ("North Central Coast", "region", None), ("South Central Coast", "region", None),
    ("Central Coast", "region", None), ("Duyên hải miền Trung", "region", None),
    ("Bắc Trung Bộ và Duyên hải miền Trung", "region", None), ("Southeast", "region", None),
    ("Đông Nam Bộ", "region", None),
    # rivers
    ("Sông Boung", "river (Quảng Nam, now Đà Nẵng)", "da-nang"),
    ("Sông Thu Bồn", "river (Quảng Nam, now Đà Nẵng)", "da-nang"),
    ("Sông Vu Gia", "river (Quảng Nam, now Đà Nẵng)", "da-nang"),
    ("Sông Thạch Hãn", "river (Quảng Trị)", "quang-tri"),
    ("Sông Trà Câu", "river (Quảng Ngãi)", "quang-ngai"),
    # districts, towns, communes, hamlets (former province in brackets where it changed)
    ("A Lưới District", "district (Thừa Thiên Huế, now Huế)", "hue"),
    ("Nam Đông District", "district (Thừa Thiên Huế, now Huế)", "hue"),
    ("Quảng Điền District", "district (Thừa Thiên Huế, now Huế)", "hue"),
    ("Thị Xã Hương Trà", "town (Thừa Thiên Huế, now Huế)", "hue"),
    ("Lăng Cô", "township (Thừa Thiên Huế, now Huế)", "hue"),
    ("An Nhơn", "town (Bình Định, now Gia Lai)", "gia-lai"),
    ("Thị Xã An Nhơn", "town (Bình Định, now Gia Lai)", "gia-lai"),
    ("Bồng Sơn", "township (Bình Định, now Gia Lai)", "gia-lai"),
    ("Hoài Nhơn District", "district (Bình Định, now Gia Lai)", "gia-lai"),
    ("Phu Cat District", "district (Bình Định, now Gia Lai)", "gia-lai"),
    ("Phù Cát", "district (Bình Định, now Gia Lai)", "gia-lai"),
    ("Phù Mỹ District", "district (Bình Định, now Gia Lai)", "gia-lai"),
    ("Tuy Phước District", "district (Bình Định, now Gia Lai)", "gia-lai"),
    ("Qui Nhon", "city (Bình Định, now Gia Lai)", "gia-lai"),
    ("Ba Vì District", "district (Hà Tây, now Hà Nội)", "ha-noi"),
    ("Thường Tín", "district (Hà Tây, now Hà Nội)", "ha-noi"),
    ("Thường Tín District", "district (Hà Tây, now Hà Nội)", "ha-noi"),
    ("Thượng Đinh", "locality (Hà Nội)", "ha-noi"),
    ("Sóc Sơn", "district (Hà Nội)", "ha-noi"),
    ("Sóc Sơn District", "district (Hà Nội)", "ha-noi"),
    ("Vân Trì", "locality (Đông Anh, Hà Nội)", "ha-noi"),
    ("Bỉm Sơn", "town (Thanh Hóa)", "thanh-hoa"),
    ("Nghi Sơn", "economic zone and town (Thanh Hóa)", "thanh-hoa"),
    ("Xã Nghi Sơn", "commune (Thanh Hóa)", "thanh-hoa"),
    ("Huyện Thạch Thành", "district (Thanh Hóa)", "thanh-hoa"),
    ("Thọ Xuân", "district (Thanh Hóa)", "thanh-hoa"),
    ("Vĩnh Lộc District", "district (Thanh Hóa)", "thanh-hoa"),
    ("Cam Lộ District", "district (Quảng Trị)", "quang-tri"),
    ("Hướng Hóa District", "district (Quảng Trị)", "quang-tri"),
    ("Đa Krông District", "district (Quảng Trị)", "quang-tri"),
    ("Thị Trấn Krông Klang", "township (Đa Krông, Quảng Trị)", "quang-tri"),
    ("Lao Bảo", "border township (Quảng Trị)", "quang-tri"),
    ("Đông Hà", "city (Quảng Trị)", "quang-tri"),
    ("Thành Phố Đông Hà", "city (Quảng Trị)", "quang-tri"),
    ("Huyện Minh Hóa", "district (Quảng Bình, now Quảng Trị)", "quang-tri"),
    ("Tuyên Hóa District", "district (Quảng Bình, now Quảng Trị)", "quang-tri"),
    ("Cam Ranh", "city (Khánh Hòa)", "khanh-hoa"),
    ("Thành Phố Cam Ranh", "city (Khánh Hòa)", "khanh-hoa"),
    ("Nha Trang", "city (Khánh Hòa)", "khanh-hoa"),
    ("Thành Phố Nha Trang", "city (Khánh Hòa)", "khanh-hoa"),
    ("Diên Khánh", "district (Khánh Hòa)", "khanh-hoa"),
    ("Diên Khánh District", "district (Khánh Hòa)", "khanh-hoa"),
    ("Thị Xã Ninh Hòa", "town (Khánh Hòa)", "khanh-hoa"),
    ("Vạn Ninh District", "district (Khánh Hòa)", "khanh-hoa"),
    ("Phan Rang", "city (Ninh Thuận, now Khánh Hòa)", "khanh-hoa"),
    ("Chu Lai", "economic zone (Quảng Nam, now Đà Nẵng)", "da-nang"),
    ("Duy Xuyên District", "district (Quảng Nam, now Đà Nẵng)", "da-nang"),
    ("Điện Bàn District", "district (Quảng Nam, now Đà Nẵng)", "da-nang"),
    ("Núi Thành District", "district (Quảng Nam, now Đà Nẵng)", "da-nang"),
    ("Quế Sơn", "district (Quảng Nam, now Đà Nẵng)", "da-nang"),
    ("Quế Sơn District", "district (Quảng Nam, now Đà Nẵng)", "da-nang"),
    ("Thăng Bình", "district (Quảng Nam, now Đà Nẵng)", "da-nang"),
    ("Thăng Bình District", "district (Quảng Nam, now Đà Nẵng)", "da-nang"),
    ("Tam Kỳ", "city (Quảng Nam, now Đà Nẵng)", "da-nang"),
    ("Thành Phố Tam Kỳ", "city (Quảng Nam, now Đà Nẵng)", "da-nang"),
    ("Huyện Hòa Vang", "district (Đà Nẵng)", "da-nang"),
    ("Quận Hải Châu", "urban district (Đà Nẵng)", "da-nang"),
    ("Huyện Bình Sơn", "district (Quảng Ngãi)", "quang-ngai"),
    ("Mộ Đức District", "district (Quảng Ngãi)", "quang-ngai"),
    ("Sơn Tịnh District", "district (Quảng Ngãi)", "quang-ngai"),
    ("Tư Nghĩa", "district (Quảng Ngãi)", "quang-ngai"),
    ("Tư Nghĩa District", "district (Quảng Ngãi)", "quang-ngai"),
    ("Đức Phổ District", "district (Quảng Ngãi)", "quang-ngai"),
    ("Huyện Đắk Tô", "district (Kon Tum, now Quảng Ngãi)", "quang-ngai"),
    ("Kon Plông District", "district (Kon Tum, now Quảng Ngãi)", "quang-ngai"),
    ("Ngọc Hồi District", "district (Kon Tum, now Quảng Ngãi)", "quang-ngai"),
    ("Đắk Glei District", "district (Kon Tum, now Quảng Ngãi)", "quang-ngai"),
    ("Chí Thạnh", "township (Phú Yên, now Đắk Lắk)", "dak-lak"),
    ("La Hai", "township (Phú Yên, now Đắk Lắk)", "dak-lak"),
    ("Song Cau", "town (Phú Yên, now Đắk Lắk)", "dak-lak"),
    ("Thị Xã Sông Cầu", "town (Phú Yên, now Đắk Lắk)", "dak-lak"),
    ("Tuy An District", "district (Phú Yên, now Đắk Lắk)", "dak-lak"),
    ("Tuy Hoa", "city (Phú Yên, now Đắk Lắk)", "dak-lak"),
    ("Thành Phố Tuy Hòa", "city (Phú Yên, now Đắk Lắk)", "dak-lak"),
    ("Huyện Phú Hoà", "district (Phú Yên, now Đắk Lắk)", "dak-lak"),
    ("Đông Hòa District", "district (Phú Yên, now Đắk Lắk)", "dak-lak"),
    ("Da Lat", "city (Lâm Đồng)", "lam-dong"),
    ("Huyện Bảo Thắng", "district (Lào Cai)", "lao-cai"),
    ("Huyện Bảo Yên", "district (Lào Cai)", "lao-cai"),
    ("Huyện Văn Bàn", "district (Lào Cai)", "lao-cai"),
    ("Sa Pá", "town (Lào Cai)", "lao-cai"),
    ("Văn Yên District", "district (Yên Bái, now Lào Cai)", "lao-cai"),
    ("Yên Bình District", "district (Yên Bái, now Lào Cai)", "lao-cai"),
    ("Yên Sơn District", "district (Tuyên Quang)", "tuyen-quang"),
    ("Xã Kim Bình", "commune (Chiêm Hóa, Tuyên Quang)", "tuyen-quang"),
    ("Huyện Hiệp Hòa", "district (Bắc Giang, now Bắc Ninh)", "bac-ninh"),
    ("Khoái Châu District", "district (Hưng Yên)", "hung-yen"),
    ("Kim Động District", "district (Hưng Yên)", "hung-yen"),
    ("Kinh Môn District", "district (Hải Dương, now Hải Phòng)", "hai-phong"),
    ("Quận Ngô Quyền", "urban district (Hải Phòng)", "hai-phong"),
    ("Đình Vũ", "port and industrial zone (Hải Phòng)", "hai-phong"),
    ("Xã An Hải", "commune (Hải Phòng)", "hai-phong"),
    ("Nho Quan District", "district (Ninh Bình)", "ninh-binh"),
    ("Thành Phố Phủ Lý", "city (Hà Nam, now Ninh Bình)", "ninh-binh"),
    ("Do Luong District", "district (Nghệ An)", "nghe-an"),
    ("Vinh", "city (Nghệ An)", "nghe-an"),
    ("Thành Phố Vinh", "city (Nghệ An)", "nghe-an"),
    ("Xã Thạch Khê", "commune (Hà Tĩnh)", "ha-tinh"),
    ("Chân Mộng", "commune (Đoan Hùng, Phú Thọ)", "phu-tho"),
    ("Thanh Ba", "district (Phú Thọ)", "phu-tho"),
    ("Yên Mông", "commune (Hòa Bình, now Phú Thọ)", "phu-tho"),
    ("Xóm Chèm", "hamlet near Hòa Bình city (Hòa Bình - Hà Nội border area)", None),
    ("Xã Lập Chiệng", "commune (Kim Bôi, Hòa Bình, now Phú Thọ)", "phu-tho"),
    ("Xã Tú Sơn", "commune (Kim Bôi, Hòa Bình, now Phú Thọ)", "phu-tho"),
    ("Xã Vĩnh Tiến", "commune (Kim Bôi, Hòa Bình, now Phú Thọ)", "phu-tho"),
    ("Xã Nhân Nghĩa", "commune (Lạc Sơn, Hòa Bình, now Phú Thọ)", "phu-tho"),
    ("Thành Phố Cẩm Phả", "city (Quảng Ninh)", "quang-ninh"),
    ("Phường Mông Dương", "ward (Cẩm Phả, Quảng Ninh)", "quang-ninh"),
    ("Tràng Bạch", "locality (Đông Triều, Quảng Ninh)", "quang-ninh"),
    ("Nam Ha", "locality (Quảng Ninh); not the former province Nam Hà (1975-1996)", "quang-ninh"),
    ("Phong Thổ", "district (Lai Châu)", "lai-chau"),
    ("Điện Biên Phủ", "city (Điện Biên)", "dien-bien"),
    ("Thuận Châu", "district (Sơn La)", "son-la"),
    ("Xã Ít Ong", "commune (Mường La, Sơn La)", "son-la"),
    ("Thu Dau Mot", "city (Bình Dương, now Hồ Chí Minh)", "ho-chi-minh"),
    ("Thủ Đức", "city, formerly district (Hồ Chí Minh)", "ho-chi-minh"),
    ("Mộc Bài", "border gate (Tây Ninh)", "tay-ninh"),
    ("Châu Thành District", "district (Tiền Giang, now Đồng Tháp); several provinces have a district of this name", "dong-thap"),
    ("Mỹ Tho", "city (Tiền Giang, now Đồng Tháp)", "dong-thap"),
    ("Thành Phố Mỹ Tho", "city (Tiền Giang, now Đồng Tháp)", "dong-thap"),
    ("Xã Gia Thuận", "commune (Tiền Giang, now Đồng Tháp)", "dong-thap"),
    ("Xã Long Định", "commune (Tiền Giang, now Đồng Tháp)", "dong-thap"),
    ("Cho Dok", "city Châu Đốc (An Giang)", "an-giang"),
    ("Núi Sam", "mountain (Châu Đốc, An Giang)", "an-giang"),
    ("Rach Gia", "city (Kiên Giang, now An Giang)", "an-giang"),
]

# Foreign places in the evidence, by country.
FOREIGN = {
    "Afghanistan": ["Afghanistan"],
    "Armenia": ["Armenia"], "Azerbaijan": ["Azerbaijan"], "Bahrain": ["Bahrain"],
    "Bangladesh": ["Bangladesh", "Dhaka", "Khulna"], "Bhutan": ["Bhutan"],
    "Brunei": ["Brunei"],
    "Cambodia": ["Cambodia", "Banteay Meanchey", "Battambang", "Bavet", "Chantrea",
                 "Kampong Cham", "Kampong Cham Province", "Kampot", "Khan Châmkar Mon",
                 "Khan Méan Chey", "Kien Svay", "Leuk Daek", "Mondolkiri", "Neak Leung",
                 "Phnom Penh", "Poipet", "Prey Veng", "Ratanakiri Province", "Siem Reap",
                 "Stung Treng", "Svay Rieng", "Takeo"],
    "China": ["China", "Baotou Shi", "Changsha", "Chengdu", "Chengdu Shi", "Chongqing",
              "Fuling", "Guangxi", "Guiyang", "Hainan", "Shanghai", "Xiangtan", "Yunan Xian",
              "Yunnan", "Hong Kong", "Macao"],
    "Cook Islands": ["Cook Islands"], "Cyprus": ["Cyprus"], "Fiji": ["Fiji"],
    "Georgia": ["Georgia"],
    "India": ["India", "Ahmedabad", "Bengaluru", "Calicut", "Chennai", "Hyderabad",
              "Kozhikode", "Mumbai", "Tamil Nadu"],
    "Indonesia": ["Indonesia", "Bandung", "East Kalimantan", "Jakarta", "Malang", "Surabaya"],
    "Iran": ["Iran"], "Iraq": ["Iraq"], "Israel": ["Israel"], "Japan": ["Japan"],
    "Jordan": ["Jordan"], "Kazakhstan": ["Kazakhstan"], "Kiribati": ["Kiribati"],
    "Kuwait": ["Kuwait"], "Kyrgyzstan": ["Kyrgyzstan"],
    "Laos": ["Laos", "Attapu", "Ban Botèn", "Ban Houayxay", "Bokeo", "Bolikhamsai",
             "Champasak", "Khammouan", "Khouèng Oudômxai", "Khouèng Phôngsali",
             "Khouèng Savannakhét", "Khouèng Xékong", "Louangnamtha", "Luang Prabang",
             "Luang Prabang Province", "Muang Houayxay", "Muang Louang Namtha", "Muang Phin",
             "Muang Viangphoukha", "Salavan", "Savannakhét", "Viangphoukha", "Vientiane",
             "Xaignabouli"],
    "Malaysia": ["Malaysia", "Kota Kinabalu", "Melaka"], "Maldives": ["Maldives"],
    "Marshall Islands": ["Marshall Islands"], "Mauritius": ["Mauritius"],
    "Micronesia": ["Micronesia"], "Mongolia": ["Mongolia", "Ulan Bator"],
    "Myanmar": ["Myanmar [Burma]", "Mawlamyine"], "Nauru": ["Nauru"],
    "Nepal": ["Nepal", "Kathmandu"], "New Zealand": ["New Zealand"], "Oman": ["Oman"],
    "Pakistan": ["Pakistan", "Karachi", "Peshawar"], "Palau": ["Palau"],
    "Papua New Guinea": ["Papua New Guinea", "Port Moresby"],
    "Philippines": ["Philippines", "Cainta", "Caloocan City", "Dapitan", "Dipolog City",
                    "Lapu-Lapu City", "Mandaluyong City", "Manila", "Naga",
                    "National Capital Region", "Northern Mindanao", "Olongapo City",
                    "Quezon City", "Rizal", "Roxas", "Sagay", "San Mateo", "Taguig", "Taytay"],
    "Qatar": ["Qatar"], "Russia": ["Russia"], "Samoa": ["Samoa"],
    "Saudi Arabia": ["Saudi Arabia"], "Singapore": ["Singapore"],
    "Solomon Islands": ["Solomon Islands"], "South Korea": ["South Korea"],
    "Sri Lanka": ["Sri Lanka", "Anuradhapura District", "Colombo", "Hambantota District",
                  "Kalutara District", "Kegalle District", "Moneragala District",
                  "Puttalam District"],
    "Taiwan": ["Taiwan", "Taipei"], "Tajikistan": ["Tajikistan"],
    "Thailand": ["Thailand", "Aranyaprathet", "Bangkok", "Changwat Chiang Rai",
                 "Changwat Nakhon Phanom", "Changwat Prachin Buri", "Mukdahan", "Pak Chong",
                 "Phitsanulok", "Roi Et"],
    "Timor-Leste": ["Timor-Leste"], "Tonga": ["Tonga"], "Turkey": ["Turkey"],
    "Turkmenistan": ["Turkmenistan"], "Tuvalu": ["Tuvalu"], "Uganda": ["Uganda"],
    "United Arab Emirates": ["United Arab Emirates"], "United Kingdom": ["United Kingdom"],
    "United States": ["United States"], "Uzbekistan": ["Uzbekistan"],
    "Vanuatu": ["Vanuatu", "Port Vila"], "Yemen": ["Yemen"], "Australia": ["Australia"],
}
WORLD_REGIONS = ["Asia", "Southern Asia"]


def build():
    former_ids = {}
    former = []
    for name, kind in FORMER:
        fid = slug(name)
        former_ids[name] = fid
        entry = {"id": fid, "name": name, "kind": kind, "mergedInto": None}
        if fid in FORMER_NOTES:
            entry["note"] = FORMER_NOTES[fid]
        former.append(entry)
    assert len(former) == 63, len(former)

    units = []
    merged = {}
    for name, kind, region, flags, parts in UNITS:
        uid = slug(name)
        formed = [former_ids[p] for p in parts]
        units.append({"id": uid, "name": name, "kind": kind, "region": region,
                      "flags": flags, "formedFrom": formed})
        for p in formed:
            assert p not in merged, p
            merged[p] = uid
    assert len(units) == 34, len(units)
    for f in former:
        f["mergedInto"] = merged[f["id"]]
        if "note" in f:
            f["note"] = f.pop("note")

    aliases = []
    for text, prov, fid, note, also in ALIASES:
        a = {"text": text, "province": prov}
        if fid:
            a["former"] = fid
        if also:
            a["also"] = also
        if note:
            a["note"] = note
        aliases.append(a)

    not_provinces = []
    for text, note, within in VN_LOCAL:
        e = {"text": text, "note": note}
        if within:
            e["within"] = within
        not_provinces.append(e)
    for country, names in sorted(FOREIGN.items()):
        for n in names:
            not_provinces.append({"text": n, "note": "country" if n == country or (
                country == "Myanmar" and n.startswith("Myanmar")) else "place in " + country})
    for n in WORLD_REGIONS:
        not_provinces.append({"text": n, "note": "world region"})

    return {"source": SOURCE, "units": units, "former": former, "aliases": aliases,
            "notProvinces": not_provinces}


def main():
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--out", default=os.path.join(DATA, "provinces.json"))
    args = ap.parse_args()
    out = build()
    jsonfmt.write(args.out, out)
    print(f"wrote {args.out}: {len(out['units'])} units, {len(out['former'])} former, "
          f"{len(out['aliases'])} aliases, {len(out['notProvinces'])} notProvinces")


if __name__ == "__main__":
    main()
