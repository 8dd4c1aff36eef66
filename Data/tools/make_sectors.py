#!/usr/bin/env python3
"""Generate Data/sectors.json: the OECD DAC sector taxonomy with Vietnamese names.

Reads the public IATI codelists (Sector.xml, SectorCategory.xml) and the KOICA evidence
file from the shared reference folder, adds the Vietnamese names kept below, and writes
the project's own JSON format. Not needed at build or test time.

    python3 Data/tools/make_sectors.py [--shared ../shared/data] [--out Data/sectors.json]
"""
import argparse
import collections
import csv
import os
import re
import sys
import xml.etree.ElementTree as ET

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
import jsonfmt  # noqa: E402

HERE = os.path.dirname(os.path.abspath(__file__))
DATA = os.path.dirname(HERE)

SOURCE = {
    "title": "OECD DAC and CRS purpose codes, as replicated in the IATI codelists Sector "
             "(vocabulary 1) and SectorCategory (vocabulary 2)",
    "url": "https://iatistandard.org/en/iati-standard/203/codelists/sector/",
    "checked": "2026-11-30",
}

GROUPS = [
    ("100", "Social infrastructure and services", "Cơ sở hạ tầng và dịch vụ xã hội"),
    ("200", "Economic infrastructure and services", "Cơ sở hạ tầng và dịch vụ kinh tế"),
    ("300", "Production sectors", "Các ngành sản xuất"),
    ("400", "Multi-sector / cross-cutting", "Đa ngành / liên ngành"),
    ("500", "Commodity aid / general programme assistance", "Viện trợ hàng hóa / hỗ trợ chương trình chung"),
    ("600", "Action relating to debt", "Hoạt động liên quan đến nợ"),
    ("700", "Humanitarian aid", "Viện trợ nhân đạo"),
    ("900", "Unallocated / unspecified", "Chưa phân bổ / không xác định"),
]

CATEGORY_VI = {
    "111": "Giáo dục, không xác định cấp học",
    "112": "Giáo dục cơ bản",
    "113": "Giáo dục trung học",
    "114": "Giáo dục sau trung học",
    "121": "Y tế chung",
    "122": "Y tế cơ bản",
    "123": "Bệnh không lây nhiễm",
    "130": "Chính sách, chương trình dân số và sức khỏe sinh sản",
    "140": "Cấp nước và vệ sinh môi trường",
    "151": "Chính phủ và xã hội dân sự - chung",
    "152": "Xung đột, hòa bình và an ninh",
    "160": "Cơ sở hạ tầng và dịch vụ xã hội khác",
    "210": "Giao thông vận tải và kho bãi",
    "220": "Thông tin và truyền thông",
    "230": "Sản xuất và cung cấp năng lượng",
    "231": "Chính sách năng lượng",
    "232": "Sản xuất năng lượng từ nguồn tái tạo",
    "233": "Sản xuất năng lượng từ nguồn không tái tạo",
    "234": "Nhà máy năng lượng hỗn hợp",
    "235": "Nhà máy điện hạt nhân",
    "236": "Truyền tải và phân phối năng lượng",
    "240": "Ngân hàng và dịch vụ tài chính",
    "250": "Kinh doanh và các dịch vụ khác",
    "311": "Nông nghiệp",
    "312": "Lâm nghiệp",
    "313": "Thủy sản",
    "321": "Công nghiệp",
    "322": "Tài nguyên khoáng sản và khai khoáng",
    "323": "Xây dựng",
    "331": "Chính sách và quy định thương mại",
    "332": "Du lịch",
    "410": "Bảo vệ môi trường chung",
    "420": "Phụ nữ trong phát triển",
    "430": "Đa ngành khác",
    "510": "Hỗ trợ ngân sách chung",
    "520": "Hỗ trợ lương thực cho phát triển",
    "530": "Hỗ trợ hàng hóa khác",
    "600": "Hoạt động liên quan đến nợ",
    "720": "Ứng phó khẩn cấp",
    "730": "Cứu trợ tái thiết và phục hồi",
    "740": "Phòng ngừa và chuẩn bị ứng phó thảm họa",
    "910": "Chi phí hành chính của nhà tài trợ",
    "920": "Hỗ trợ các tổ chức phi chính phủ",
    "930": "Người tị nạn tại nước tài trợ",
    "998": "Chưa phân bổ / không xác định",
}

# Categories missing from SectorCategory.xml that retired codes need.
EXTRA_CATEGORIES = {
    "420": ("Women in development", "Former DAC category (code 42010), no longer in the "
            "list; needed by the KOICA evidence file. Its subject is now coded 15170."),
}

CODE_VI = {
    # 111 Education, level unspecified
    "11110": "Chính sách giáo dục và quản lý hành chính",
    "11120": "Cơ sở vật chất giáo dục và đào tạo",
    "11130": "Đào tạo giáo viên",
    "11182": "Nghiên cứu giáo dục",
    # 112 Basic education
    "11220": "Giáo dục tiểu học",
    "11230": "Kỹ năng sống cơ bản cho người lớn",
    "11231": "Kỹ năng sống cơ bản cho thanh niên",
    "11232": "Giáo dục tương đương tiểu học cho người lớn",
    "11240": "Giáo dục mầm non",
    "11250": "Bữa ăn học đường",
    "11260": "Giáo dục trung học cơ sở",
    # 113 Secondary education
    "11320": "Giáo dục trung học phổ thông",
    "11321": "Giáo dục trung học cơ sở",
    "11322": "Giáo dục trung học phổ thông",
    "11330": "Đào tạo nghề",
    # 114 Post-secondary
    "11420": "Giáo dục đại học",
    "11430": "Đào tạo kỹ thuật và quản lý nâng cao",
    # 121 Health, general
    "12110": "Chính sách y tế và quản lý hành chính",
    "12181": "Giáo dục, đào tạo y khoa",
    "12182": "Nghiên cứu y học",
    "12191": "Dịch vụ khám, chữa bệnh",
    "12196": "Thống kê và dữ liệu y tế",
    # 122 Basic health
    "12220": "Chăm sóc sức khỏe cơ bản",
    "12230": "Cơ sở hạ tầng y tế cơ sở",
    "12240": "Dinh dưỡng cơ bản",
    "12250": "Phòng chống bệnh truyền nhiễm",
    "12261": "Giáo dục sức khỏe",
    "12262": "Phòng chống sốt rét",
    "12263": "Phòng chống bệnh lao",
    "12264": "Phòng chống COVID-19",
    "12281": "Phát triển nhân lực y tế",
    # 123 NCDs
    "12310": "Phòng chống bệnh không lây nhiễm, chung",
    "12320": "Phòng chống tác hại của thuốc lá",
    "12330": "Phòng chống lạm dụng rượu bia và ma túy",
    "12340": "Tăng cường sức khỏe tâm thần và phúc lợi",
    "12350": "Phòng ngừa và điều trị các bệnh không lây nhiễm khác",
    "12382": "Nghiên cứu phòng chống bệnh không lây nhiễm",
    # 130 Population and reproductive health
    "13010": "Chính sách dân số và quản lý hành chính",
    "13020": "Chăm sóc sức khỏe sinh sản",
    "13030": "Kế hoạch hóa gia đình",
    "13040": "Phòng chống bệnh lây truyền qua đường tình dục, kể cả HIV/AIDS",
    "13081": "Phát triển nhân lực về dân số và sức khỏe sinh sản",
    "13096": "Thống kê và dữ liệu dân số",
    # 140 Water supply and sanitation
    "14010": "Chính sách ngành nước và quản lý hành chính",
    "14015": "Bảo tồn tài nguyên nước (kể cả thu thập dữ liệu)",
    "14020": "Cấp nước và vệ sinh - hệ thống quy mô lớn",
    "14021": "Cấp nước - hệ thống quy mô lớn",
    "14022": "Thoát nước và vệ sinh - hệ thống quy mô lớn",
    "14030": "Nước sinh hoạt và vệ sinh cơ bản",
    "14031": "Cấp nước sinh hoạt cơ bản",
    "14032": "Vệ sinh cơ bản",
    "14040": "Phát triển lưu vực sông",
    "14050": "Quản lý và xử lý chất thải",
    "14081": "Giáo dục và đào tạo về cấp nước và vệ sinh",
    # 151 Government and civil society
    "15110": "Chính sách khu vực công và quản lý hành chính",
    "15111": "Quản lý tài chính công",
    "15112": "Phân cấp và hỗ trợ chính quyền địa phương",
    "15113": "Cơ quan, tổ chức phòng chống tham nhũng",
    "15114": "Huy động nguồn thu trong nước",
    "15116": "Thu thuế",
    "15117": "Lập kế hoạch ngân sách",
    "15118": "Kiểm toán nhà nước",
    "15119": "Quản lý nợ và viện trợ",
    "15120": "Quản lý tài chính khu vực công",
    "15121": "Đối ngoại",
    "15122": "Cơ quan đại diện ngoại giao",
    "15123": "Quản lý viện trợ nước ngoài của các nước đang phát triển",
    "15124": "Dịch vụ nhân sự chung",
    "15125": "Mua sắm công",
    "15126": "Các dịch vụ công chung khác",
    "15127": "Giám sát và đánh giá quốc gia",
    "15128": "Tài chính chính quyền địa phương",
    "15129": "Các khoản chuyển giao khác của trung ương cho các cơ quan",
    "15130": "Phát triển pháp luật và tư pháp",
    "15131": "Chính sách, kế hoạch và quản lý về tư pháp, pháp luật và trật tự",
    "15132": "Cảnh sát",
    "15133": "Phòng cháy, chữa cháy và cứu nạn, cứu hộ",
    "15134": "Công tác tư pháp",
    "15135": "Thanh tra công (Ombudsman), giải quyết khiếu nại, tố cáo của công dân",
    "15136": "Xuất nhập cảnh",
    "15137": "Trại giam",
    "15140": "Hành chính nhà nước",
    "15142": "Chính sách kinh tế vĩ mô",
    "15143": "Dịch vụ khí tượng",
    "15144": "Xây dựng tiêu chuẩn quốc gia",
    "15150": "Sự tham gia dân chủ và xã hội dân sự",
    "15151": "Bầu cử",
    "15152": "Cơ quan lập pháp và đảng phái chính trị",
    "15153": "Truyền thông và tự do thông tin",
    "15154": "Văn phòng hành pháp",
    "15155": "Hỗ trợ chính sách và quản lý thuế",
    "15156": "Huy động các nguồn thu ngoài thuế khác",
    "15160": "Quyền con người",
    "15161": "Bầu cử",
    "15162": "Quyền con người",
    "15163": "Tự do thông tin",
    "15164": "Tổ chức và thiết chế về bình đẳng cho phụ nữ",
    "15170": "Tổ chức, phong trào vì quyền của phụ nữ và cơ quan nhà nước về bình đẳng giới",
    "15180": "Chấm dứt bạo lực đối với phụ nữ và trẻ em gái",
    "15185": "Quản lý hành chính chính quyền địa phương",
    "15190": "Tạo thuận lợi cho di cư trật tự, an toàn, hợp pháp và có trách nhiệm",
    "15196": "Thống kê và dữ liệu về chính phủ và xã hội dân sự",
    # 152 Conflict, peace and security
    "15210": "Quản lý và cải cách hệ thống an ninh",
    "15220": "Xây dựng hòa bình dân sự, phòng ngừa và giải quyết xung đột",
    "15230": "Tham gia hoạt động gìn giữ hòa bình quốc tế",
    "15240": "Tái hòa nhập và kiểm soát vũ khí nhỏ, vũ khí hạng nhẹ",
    "15250": "Rà phá bom mìn và vật liệu nổ sau chiến tranh",
    "15261": "Phòng ngừa và giải ngũ binh lính trẻ em",
    # 160 Other social infrastructure and services
    "16010": "An sinh xã hội",
    "16011": "Chính sách, kế hoạch và quản lý về an sinh và phúc lợi xã hội",
    "16012": "Bảo hiểm xã hội (không kể lương hưu)",
    "16013": "Lương hưu chung",
    "16014": "Lương hưu công chức",
    "16015": "Dịch vụ xã hội (kể cả phát triển thanh niên, phụ nữ và trẻ em)",
    "16020": "Tạo việc làm",
    "16030": "Chính sách nhà ở và quản lý hành chính",
    "16040": "Nhà ở giá thấp",
    "16050": "Hỗ trợ đa ngành cho các dịch vụ xã hội cơ bản",
    "16061": "Văn hóa và giải trí",
    "16062": "Nâng cao năng lực thống kê",
    "16063": "Phòng chống ma túy",
    "16064": "Giảm nhẹ tác động xã hội của HIV/AIDS",
    "16065": "Giải trí và thể thao",
    "16066": "Văn hóa",
    "16070": "Quyền lao động",
    "16080": "Đối thoại xã hội",
    # 210 Transport and storage
    "21010": "Chính sách giao thông vận tải và quản lý hành chính",
    "21011": "Chính sách, quy hoạch và quản lý giao thông vận tải",
    "21012": "Dịch vụ vận tải công cộng",
    "21013": "Quản lý nhà nước về giao thông vận tải",
    "21020": "Giao thông đường bộ",
    "21021": "Xây dựng đường nhánh, đường nông thôn",
    "21022": "Bảo trì đường nhánh, đường nông thôn",
    "21023": "Xây dựng đường quốc lộ",
    "21024": "Bảo trì đường quốc lộ",
    "21030": "Giao thông đường sắt",
    "21040": "Giao thông đường thủy",
    "21050": "Giao thông hàng không",
    "21061": "Kho bãi",
    "21081": "Giáo dục và đào tạo về giao thông vận tải và kho bãi",
    # 220 Communications
    "22010": "Chính sách truyền thông và quản lý hành chính",
    "22011": "Chính sách, quy hoạch và quản lý truyền thông",
    "22012": "Dịch vụ bưu chính",
    "22013": "Dịch vụ thông tin",
    "22020": "Viễn thông",
    "22030": "Phát thanh, truyền hình và báo in",
    "22040": "Công nghệ thông tin và truyền thông (CNTT-TT)",
    # 230 Energy (withdrawn codes)
    "23010": "Chính sách năng lượng và quản lý hành chính",
    "23020": "Phát điện từ nguồn không tái tạo",
    "23030": "Phát điện từ nguồn tái tạo",
    "23040": "Truyền tải và phân phối điện",
    "23050": "Phân phối khí đốt",
    "23061": "Nhà máy điện chạy dầu",
    "23062": "Nhà máy điện chạy khí",
    "23063": "Nhà máy nhiệt điện than",
    "23064": "Nhà máy điện hạt nhân",
    "23065": "Nhà máy thủy điện",
    "23066": "Năng lượng địa nhiệt",
    "23067": "Năng lượng mặt trời",
    "23068": "Điện gió",
    "23069": "Năng lượng đại dương",
    "23070": "Sinh khối",
    "23081": "Giáo dục, đào tạo về năng lượng",
    "23082": "Nghiên cứu năng lượng",
    # 231 Energy policy
    "23110": "Chính sách năng lượng và quản lý hành chính",
    "23111": "Chính sách, quy hoạch và quản lý ngành năng lượng",
    "23112": "Điều tiết năng lượng",
    "23181": "Giáo dục, đào tạo về năng lượng",
    "23182": "Nghiên cứu năng lượng",
    "23183": "Tiết kiệm năng lượng và sử dụng năng lượng hiệu quả",
    # 232 Renewable generation
    "23210": "Sản xuất năng lượng tái tạo - nhiều công nghệ",
    "23220": "Nhà máy thủy điện",
    "23230": "Điện mặt trời nối lưới tập trung",
    "23231": "Điện mặt trời cho lưới điện độc lập và hệ thống ngoài lưới",
    "23232": "Năng lượng mặt trời - ứng dụng nhiệt",
    "23240": "Năng lượng gió",
    "23250": "Năng lượng biển",
    "23260": "Năng lượng địa nhiệt",
    "23270": "Nhà máy điện nhiên liệu sinh học",
    # 233 Non-renewable generation
    "23310": "Sản xuất năng lượng từ nguồn không tái tạo, không xác định",
    "23320": "Nhà máy nhiệt điện than",
    "23330": "Nhà máy điện chạy dầu",
    "23340": "Nhà máy điện khí tự nhiên",
    "23350": "Nhà máy điện nhiên liệu hóa thạch có thu giữ và lưu trữ các-bon (CCS)",
    "23360": "Nhà máy điện đốt chất thải không tái tạo",
    # 234, 235, 236
    "23410": "Nhà máy điện năng lượng hỗn hợp",
    "23510": "Nhà máy điện hạt nhân và an toàn hạt nhân",
    "23610": "Nhà máy nhiệt",
    "23620": "Sưởi ấm và làm mát tập trung",
    "23630": "Truyền tải và phân phối điện (lưới điện tập trung)",
    "23631": "Truyền tải và phân phối điện (lưới điện nhỏ độc lập)",
    "23640": "Phân phối khí đốt bán lẻ",
    "23641": "Phân phối bán lẻ nhiên liệu hóa thạch lỏng hoặc rắn",
    "23642": "Hạ tầng cho phương tiện giao thông chạy điện",
    # 240 Banking and financial services
    "24010": "Chính sách tài chính và quản lý hành chính",
    "24020": "Các định chế tiền tệ",
    "24030": "Trung gian tài chính chính thức",
    "24040": "Trung gian tài chính phi chính thức, bán chính thức",
    "24050": "Tạo thuận lợi, thúc đẩy và tối ưu hóa kiều hối",
    "24081": "Giáo dục, đào tạo về ngân hàng và dịch vụ tài chính",
    # 250 Business and other services
    "25010": "Chính sách kinh doanh và quản lý hành chính",
    "25020": "Tư nhân hóa, cổ phần hóa",
    "25030": "Dịch vụ phát triển kinh doanh",
    "25040": "Ứng xử kinh doanh có trách nhiệm",
    # 311 Agriculture
    "31110": "Chính sách nông nghiệp và quản lý hành chính",
    "31120": "Phát triển nông nghiệp",
    "31130": "Tài nguyên đất nông nghiệp",
    "31140": "Thủy lợi nông nghiệp",
    "31150": "Vật tư đầu vào nông nghiệp",
    "31161": "Sản xuất cây lương thực",
    "31162": "Cây công nghiệp, cây xuất khẩu",
    "31163": "Chăn nuôi",
    "31164": "Cải cách ruộng đất",
    "31165": "Phát triển cây trồng thay thế cây thuốc phiện và cây có chất ma túy",
    "31166": "Khuyến nông",
    "31181": "Giáo dục, đào tạo nông nghiệp",
    "31182": "Nghiên cứu nông nghiệp",
    "31191": "Dịch vụ nông nghiệp",
    "31192": "Bảo vệ thực vật, bảo quản sau thu hoạch và phòng trừ sâu bệnh",
    "31193": "Dịch vụ tài chính nông nghiệp",
    "31194": "Hợp tác xã nông nghiệp",
    "31195": "Dịch vụ chăn nuôi, thú y",
    # 312 Forestry
    "31210": "Chính sách lâm nghiệp và quản lý hành chính",
    "31220": "Phát triển lâm nghiệp",
    "31261": "Củi đốt, than củi",
    "31281": "Giáo dục, đào tạo lâm nghiệp",
    "31282": "Nghiên cứu lâm nghiệp",
    "31291": "Dịch vụ lâm nghiệp",
    # 313 Fishing
    "31310": "Chính sách thủy sản và quản lý hành chính",
    "31320": "Phát triển thủy sản",
    "31381": "Giáo dục, đào tạo thủy sản",
    "31382": "Nghiên cứu thủy sản",
    "31391": "Dịch vụ thủy sản",
    # 321 Industry
    "32110": "Chính sách công nghiệp và quản lý hành chính",
    "32120": "Phát triển công nghiệp",
    "32130": "Phát triển doanh nghiệp nhỏ và vừa",
    "32140": "Tiểu thủ công nghiệp và nghề thủ công",
    "32161": "Công nghiệp chế biến nông sản",
    "32162": "Công nghiệp chế biến lâm sản",
    "32163": "Dệt may, da và sản phẩm thay thế",
    "32164": "Hóa chất",
    "32165": "Nhà máy phân bón",
    "32166": "Xi măng, vôi, thạch cao",
    "32167": "Sản xuất năng lượng (nhiên liệu hóa thạch)",
    "32168": "Sản xuất dược phẩm",
    "32169": "Công nghiệp kim loại cơ bản",
    "32170": "Công nghiệp kim loại màu",
    "32171": "Cơ khí chế tạo",
    "32172": "Công nghiệp thiết bị giao thông vận tải",
    "32173": "Sản xuất nhiên liệu sinh học hiện đại",
    "32174": "Sản xuất thiết bị đun nấu sạch",
    "32182": "Nghiên cứu và phát triển công nghệ",
    # 322 Mineral resources and mining
    "32210": "Chính sách khoáng sản, khai khoáng và quản lý hành chính",
    "32220": "Thăm dò khoáng sản",
    "32261": "Than",
    "32262": "Dầu khí (thượng nguồn)",
    "32263": "Kim loại đen",
    "32264": "Kim loại màu",
    "32265": "Kim loại quý, đá quý",
    "32266": "Khoáng sản công nghiệp",
    "32267": "Khoáng sản làm phân bón",
    "32268": "Khoáng sản ngoài khơi",
    # 323 Construction
    "32310": "Chính sách xây dựng và quản lý hành chính",
    # 331 Trade
    "33110": "Chính sách thương mại và quản lý hành chính",
    "33120": "Tạo thuận lợi thương mại",
    "33130": "Hiệp định thương mại khu vực",
    "33140": "Đàm phán thương mại đa phương",
    "33150": "Điều chỉnh liên quan đến thương mại",
    "33181": "Giáo dục, đào tạo về thương mại",
    # 332 Tourism
    "33210": "Chính sách du lịch và quản lý hành chính",
    # 410 General environment protection
    "41010": "Chính sách môi trường và quản lý hành chính",
    "41020": "Bảo vệ sinh quyển",
    "41030": "Đa dạng sinh học",
    "41040": "Bảo tồn di sản, di tích",
    "41050": "Phòng chống lũ lụt",
    "41081": "Giáo dục, đào tạo về môi trường",
    "41082": "Nghiên cứu môi trường",
    # 430 Other multisector
    "43010": "Hỗ trợ đa ngành",
    "43030": "Phát triển và quản lý đô thị",
    "43031": "Chính sách và quản lý đất đô thị",
    "43032": "Phát triển đô thị",
    "43040": "Phát triển nông thôn",
    "43041": "Chính sách và quản lý đất nông thôn",
    "43042": "Phát triển nông thôn",
    "43050": "Phát triển sinh kế phi nông nghiệp thay thế",
    "43060": "Giảm nhẹ rủi ro thiên tai",
    "43071": "Chính sách an ninh lương thực và quản lý hành chính",
    "43072": "Chương trình an ninh lương thực hộ gia đình",
    "43073": "An toàn và chất lượng thực phẩm",
    "43081": "Giáo dục, đào tạo đa ngành",
    "43082": "Viện nghiên cứu, cơ sở khoa học",
    # 510-530
    "51010": "Hỗ trợ ngân sách chung",
    "52010": "Hỗ trợ lương thực",
    "53030": "Hỗ trợ nhập khẩu (tư liệu sản xuất)",
    "53040": "Hỗ trợ nhập khẩu (hàng hóa)",
    # 600 Debt
    "60010": "Hoạt động liên quan đến nợ",
    "60020": "Xóa nợ",
    "60030": "Giảm nợ đa phương",
    "60040": "Giãn nợ và tái cấp vốn",
    "60061": "Hoán đổi nợ lấy phát triển",
    "60062": "Hoán đổi nợ khác",
    "60063": "Mua lại nợ",
    # 720-740 Humanitarian
    "72010": "Hỗ trợ vật chất và dịch vụ cứu trợ",
    "72011": "Dịch vụ chăm sóc sức khỏe cơ bản trong tình huống khẩn cấp",
    "72012": "Giáo dục trong tình huống khẩn cấp",
    "72040": "Hỗ trợ lương thực khẩn cấp",
    "72050": "Điều phối cứu trợ và dịch vụ hỗ trợ",
    "73010": "Tái thiết và phục hồi ngay sau tình huống khẩn cấp",
    "74010": "Phòng ngừa và chuẩn bị ứng phó thảm họa",
    "74020": "Chuẩn bị ứng phó đa thiên tai",
    # 910-998
    "91010": "Chi phí hành chính (không phân bổ theo ngành)",
    "92010": "Hỗ trợ các tổ chức phi chính phủ trong nước",
    "92020": "Hỗ trợ các tổ chức phi chính phủ quốc tế",
    "92030": "Hỗ trợ các tổ chức phi chính phủ địa phương và khu vực",
    "93010": "Người tị nạn, xin tị nạn tại nước tài trợ (không phân bổ theo ngành)",
    "93011": "Người tị nạn tại nước tài trợ - lương thực và chỗ ở",
    "93012": "Người tị nạn tại nước tài trợ - đào tạo",
    "93013": "Người tị nạn tại nước tài trợ - y tế",
    "93014": "Người tị nạn tại nước tài trợ - hỗ trợ sinh hoạt tạm thời khác",
    "93015": "Người tị nạn tại nước tài trợ - hồi hương tự nguyện",
    "93016": "Người tị nạn tại nước tài trợ - vận chuyển",
    "93017": "Người tị nạn tại nước tài trợ - cứu nạn trên biển",
    "93018": "Người tị nạn tại nước tài trợ - chi phí hành chính",
    "99810": "Không xác định ngành",
    "99820": "Nâng cao nhận thức về phát triển (không phân bổ theo ngành)",
    # Retired codes used by the KOICA evidence (AidData purpose codes)
    "13000": "Chính sách y tế và quản lý hành chính",
    "15100": "Hành chính nhà nước",
    "15105": "Chính sách giáo dục và quản lý hành chính",
    "21005": "Giao thông đường thủy",
    "31330": "Phát triển thủy sản",
    "33105": "Hiệp định thương mại khu vực",
    "42010": "Tổ chức vì bình đẳng cho phụ nữ",
}

# Small fixes to English names as published (stray editorial notes, doubled spaces).
EN_FIX = {
    "11320": "Upper secondary education",
}


def mostly_upper(s):
    letters = [c for c in s if c.isalpha()]
    return bool(letters) and sum(c.isupper() for c in letters) / len(letters) > 0.8


def sentence_case(s):
    s = re.sub(r"\s+", " ", s.strip())
    if mostly_upper(s):
        s = s.capitalize()
        s = (s.replace("(ngos)", "(NGOs)").replace("(rtas)", " (RTAs)").replace("  (", " (")
              .replace("non- governmental", "non-governmental"))
    return s


def tidy_koica_name(s):
    s = sentence_case(s)
    s = (s.replace("admin. management", "administrative management")
          .replace("and admin. management", "and administrative management")
          .replace("(rtas)", "(RTAs)").replace("Womens", "Women's")
          .replace(" and admin.", " and administrative"))
    return s


def main():
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--shared", default=os.path.join(DATA, "..", "..", "shared", "data"))
    ap.add_argument("--out", default=os.path.join(DATA, "sectors.json"))
    args = ap.parse_args()
    lists = os.path.join(args.shared, "iati-codelists")

    cats = []
    cat_index = {}
    for it in ET.parse(os.path.join(lists, "SectorCategory.xml")).getroot().iter("codelist-item"):
        code = it.findtext("code").strip()
        en = sentence_case(it.find("name/narrative").text)
        if en[0].islower():
            en = en[0].upper() + en[1:]
        group = "900" if code[0] == "9" else code[0] + "00"
        entry = {"code": code, "group": group, "en": en}
        if code in CATEGORY_VI:
            entry["vi"] = CATEGORY_VI[code]
        entry["retired"] = it.get("status") == "withdrawn"
        cats.append(entry)
        cat_index[code] = entry

    codes = []
    known = set()
    for it in ET.parse(os.path.join(lists, "Sector.xml")).getroot().iter("codelist-item"):
        code = it.findtext("code").strip()
        en = EN_FIX.get(code) or re.sub(r"\s+", " ", it.find("name/narrative").text.strip())
        entry = {"code": code, "category": it.findtext("category").strip(), "en": en}
        if code in CODE_VI:
            entry["vi"] = CODE_VI[code]
        entry["retired"] = it.get("status") == "withdrawn"
        if entry["retired"] and it.get("withdrawal-date"):
            entry["note"] = "Withdrawn from the DAC list on " + it.get("withdrawal-date") + "."
        codes.append(entry)
        known.add(code)

    # Codes used by the KOICA evidence that the current list lacks.
    names = collections.defaultdict(collections.Counter)
    koica = os.path.join(args.shared, "evidence", "koica_vietnam_1991_2007.csv")
    with open(koica, newline="", encoding="utf-8") as f:
        for row in csv.DictReader(f):
            code = row["Aid_Data_purposecode"].strip()
            if re.fullmatch(r"\d{5}", code) and code not in known:
                names[code][row["crs_code_name"].strip()] += 1
    for code in sorted(names):
        counter = names[code]
        best = sorted(counter.items(), key=lambda kv: (-kv[1], kv[0]))[0][0]
        cat = code[:3]
        if cat not in cat_index:
            en, note = EXTRA_CATEGORIES[cat]
            entry = {"code": cat, "group": cat[0] + "00", "en": en, "vi": CATEGORY_VI[cat],
                     "retired": True, "note": note}
            cats.append(entry)
            cat_index[cat] = entry
        others = sorted(tidy_koica_name(n) for n in counter if n != best)
        note = ("Not in the current DAC list; used by the KOICA 1991-2007 evidence "
                "(AidData purpose code).")
        if others:
            note += " Also named there: " + "; ".join(others) + "."
        entry = {"code": code, "category": cat, "en": tidy_koica_name(best)}
        if code in CODE_VI:
            entry["vi"] = CODE_VI[code]
        entry["retired"] = True
        entry["note"] = note
        codes.append(entry)

    cats.sort(key=lambda c: c["code"])
    codes.sort(key=lambda c: c["code"])
    out = {
        "source": SOURCE,
        "groups": [{"code": c, "en": en, "vi": vi} for c, en, vi in GROUPS],
        "categories": cats,
        "codes": codes,
    }
    jsonfmt.write(args.out, out)
    print(f"wrote {args.out}: {len(cats)} categories, {len(codes)} codes "
          f"({sum(c['retired'] for c in codes)} retired, {sum('vi' in c for c in codes)} with vi)")


if __name__ == "__main__":
    main()
